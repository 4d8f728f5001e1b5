// A Preact signal write with 1 and 10 effects: uninstrumented, inside a raw OTel span, and
// traced by PreactSignalsInstrumentation through register(). Side by side in one process:
// signals created before the first enable() stay untraced (the instrumentation gives Signal a
// new prototype). Then creating a named signal and the heap it holds: a second, never
// instrumented copy of the library (its CommonJS build) against the instrumented one.
import { createRequire } from 'node:module';
import * as signals from '@preact/signals-core';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { register } from '../dist/index.js';
import { PreactSignalsInstrumentation } from '../dist/instrumentations/signals/index.js';
import { compare, heapUsed, printComparison } from './lib/measure.js';

const quick = process.argv.includes('--quick');
const nullExporter = { export: (_s, done) => done({ code: 0 }), shutdown: async () => {}, forceFlush: async () => {} };
const { signal, effect } = signals;
let sink = 0;
function graph(effects) {
  const s = signal(0);
  for (let i = 0; i < effects; i++) effect(() => void (sink += s.value));
  return s;
}

const plain = { 1: graph(1), 10: graph(10) };
const rawTracer = new BasicTracerProvider({
  spanProcessors: [new BatchSpanProcessor(nullExporter, { maxQueueSize: 100_000, maxExportBatchSize: 2048 })],
}).getTracer('raw');
const inst = new PreactSignalsInstrumentation({ signals, maxUpdatesPerFrame: 1e9 });
const ft = register({
  serviceName: 'bench',
  endpoint: false,
  exporters: { traces: [nullExporter] },
  instrumentations: [inst],
  maxQueueSize: 100_000,
});
const traced = { 1: graph(1), 10: graph(10) };

const results = {};
for (const effects of [1, 10]) {
  let v = 0;
  results[effects] = await compare(
    {
      uninstrumented: (n) => {
        const s = plain[effects];
        for (let i = 0; i < n; i++) s.value = ++v;
      },
      'raw OTel span around the write': (n) => {
        const s = plain[effects];
        for (let i = 0; i < n; i++)
          rawTracer.startActiveSpan('w', (span) => {
            s.value = ++v;
            span.end();
          });
      },
      PreactSignalsInstrumentation: (n) => {
        const s = traced[effects];
        for (let i = 0; i < n; i++) s.value = ++v;
      },
    },
    { opsPerRound: 1000, rounds: quick ? 5 : 41 },
  );
  printComparison(
    `signal write with ${effects} effect${effects > 1 ? 's' : ''}: ns per write`,
    results[effects],
    'uninstrumented',
  );
}

// Creation: the same build, loaded twice (ESM instrumented above, CommonJS bare).
const bare = createRequire(import.meta.url)('@preact/signals-core');
if (bare.Signal === signals.Signal) throw new Error('expected two copies of @preact/signals-core');
const N = quick ? 2_000 : 20_000;
const keep = { bare: new Array(N), traced: new Array(N) };
const options = { name: 'cart.count' };
results.create = await compare(
  {
    'uninstrumented copy': (n) => {
      for (let i = 0; i < n; i++) keep.bare[i % N] = bare.signal(i, options);
    },
    PreactSignalsInstrumentation: (n) => {
      for (let i = 0; i < n; i++) keep.traced[i % N] = signals.signal(i, options);
    },
  },
  { opsPerRound: N, rounds: quick ? 5 : 41 },
);
printComparison('creating a named signal: ns per signal', results.create, 'uninstrumented copy');

// Heap held per signal (100 000 named signals, full GC before and after; the array slot included).
const M = quick ? 10_000 : 100_000;
function bytesPerSignal(lib) {
  keep.bare = keep.traced = [];
  const before = heapUsed();
  const held = new Array(M);
  for (let i = 0; i < M; i++) held[i] = lib.signal(i, options);
  const after = heapUsed();
  if (held.length !== M) throw new Error('unreachable');
  return (after - before) / M;
}
results.bytesPerSignal = { uninstrumented: bytesPerSignal(bare), instrumented: bytesPerSignal(signals) };
console.log(
  `\nheap per named signal (${M.toLocaleString('en')}): uninstrumented ${results.bytesPerSignal.uninstrumented.toFixed(0)} B, ` +
    `PreactSignalsInstrumentation ${results.bytesPerSignal.instrumented.toFixed(0)} B`,
);
await ft.shutdown();
console.log(JSON.stringify({ signals: results }));
