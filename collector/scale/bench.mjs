// npm run bench:collector [-- seconds=15 rates=4000,8000,12000,16000]: sustained spans/s with 0
// loss, side by side in one run, for
//   (a) one collector (the default set-up)
//   (b) 1 edge + 2 gateways with tail sampling (FRAMETEL_KEEP_PERCENT 10)
// on this machine, with the peak RSS of each process. Browser-like traffic (collector/scale/
// traffic.mjs) over OTLP/HTTP JSON, at each rate for `seconds`; a rate passes when every request
// was answered 200 and the collectors' own counters show every span accepted (single: by its
// receiver; scale-out: by the gateways' receivers, i.e. through the edge) with none refused or
// failed to enqueue. The back-end exporter is off (nop) in both, so the collectors, not Jaeger
// on the same cores, are measured. Not part of npm test.
import { counter, startCluster } from './cluster.mjs';
import { makeTraces, sendTraces } from './traffic.mjs';

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1] ?? dflt;
const seconds = Number(arg('seconds', 15));
const rates = arg('rates', '4000,8000,12000,16000').split(',').map(Number);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function measure(setup) {
  const cluster = await startCluster({
    ...setup.cluster,
    prefix: `bench-${setup.key}`,
    env: { FRAMETEL_JAEGER: 'off', FRAMETEL_KEEP_PERCENT: '10', FRAMETEL_SPANMETRICS_FLUSH_INTERVAL: '5s' },
  });
  const receivers = setup.cluster.single ? [cluster.edge] : cluster.gateways;
  const collectors = [cluster.edge, ...cluster.gateways];
  const results = [];
  try {
    let seed = 100;
    for (const rate of rates) {
      const traces = makeTraces({ count: Math.round((rate * seconds) / 13.5), seed: seed++, spreadMs: 1000 });
      const spans = traces.reduce((n, t) => n + t.spanCount, 0);
      const before = await Promise.all(receivers.map((p) => counter(p, 'otelcol_receiver_accepted_spans')));
      const peak = new Map(collectors.map((p) => [p.name, 0]));
      const sampler = setInterval(() => {
        for (const p of collectors) peak.set(p.name, Math.max(peak.get(p.name), p.rssMiB()));
      }, 500);
      const t0 = performance.now();
      const sent = await sendTraces(cluster.edge.httpUrl, traces, {
        ratePerSecond: traces.length / seconds,
        service: `bench-${rate}`,
      });
      const took = (performance.now() - t0) / 1000;
      await sleep(setup.cluster.single ? 3000 : 14_000);
      clearInterval(sampler);
      const after = await Promise.all(receivers.map((p) => counter(p, 'otelcol_receiver_accepted_spans')));
      const accepted = after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0);
      const refused = (await Promise.all(collectors.map((p) => counter(p, 'otelcol_receiver_refused_spans')))).reduce(
        (a, b) => a + b,
        0,
      );
      const enqueueFailed = (
        await Promise.all(collectors.map((p) => counter(p, 'otelcol_exporter_enqueue_failed_spans')))
      ).reduce((a, b) => a + b, 0);
      const only200 = Object.keys(sent.statuses).join() === '200' && sent.connectErrors === 0;
      const ok = only200 && accepted === spans && refused === 0 && enqueueFailed === 0;
      const offered = Math.round(spans / took);
      results.push({ rate, offered, spans, accepted, refused, enqueueFailed, statuses: sent.statuses, ok, peak });
      console.log(
        `[${setup.key}] offered ${offered} spans/s for ${took.toFixed(1)} s: ${ok ? 'no loss' : 'LOSS'} (accepted ${accepted}/${spans}, refused ${refused}, enqueue failed ${enqueueFailed}, HTTP ${JSON.stringify(sent.statuses)}); peak RSS ${[...peak].map(([n, v]) => `${n} ${v.toFixed(0)} MiB`).join(', ')}`,
      );
      if (!ok) break;
    }
  } finally {
    await cluster.stop();
  }
  return results;
}

const setups = [
  { key: 'single', label: '(a) one collector', cluster: { single: true } },
  { key: 'scale', label: '(b) 1 edge + 2 gateways, tail sampling', cluster: { gateways: 2 } },
];
const all = [];
for (const s of setups) all.push([s, await measure(s)]);
console.log('\n| set-up | sustained spans/s with 0 loss | peak RSS per process at that rate |');
console.log('|---|---|---|');
for (const [s, results] of all) {
  const best = results.filter((r) => r.ok).sort((a, b) => b.offered - a.offered)[0];
  console.log(
    `| ${s.label} | ${best ? best.offered : `< ${rates[0]}`} | ${best ? [...best.peak].map(([n, v]) => `${n.replace(/^bench-\w+-/, '')} ${v.toFixed(0)} MiB`).join(', ') : '—'} |`,
  );
}
