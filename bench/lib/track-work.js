// What the track() benches share (bench/core.js, bench/track-ab.js): an exporter that accepts and
// forgets (our cost, not the network's), batch bounds no run reaches, and the tiny traced work.

export const nullExporter = () => ({
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
  forceFlush: async () => {},
});

export const queue = { maxQueueSize: 100_000, maxExportBatchSize: 2048 };

// The "work": small and not optimisable away.
let sink = 0;
export const work = () => {
  for (let i = 0; i < 20; i++) sink += i * 0.5;
  return sink;
};
