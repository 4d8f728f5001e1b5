// npm run collector:scale-check [-- traces=2000]: the scale-out acceptance run at full size
// (the test runs 300 traces per scenario): 1 edge + 3 gateways + Jaeger on 127.0.0.1, then
//   steady   — every violated/failed trace whole, the share of the rest kept, none split
//   kill     — gateway 1 SIGKILLed at 40 % of the run, restarted 3 s later
//   sigterm  — gateway 2 stopped with SIGTERM at 40 % of the run, restarted 3 s later
// and prints what Jaeger holds per scenario (the figures in README, "Collector → Scaling out").
import { startCluster } from './cluster.mjs';
import { describeRun, runScenario } from './scenarios.mjs';
import { binomialBounds } from './traffic.mjs';

const count = Number(process.argv.find((a) => a.startsWith('traces='))?.split('=')[1] ?? 2000);
const keep = Number(process.env.FRAMETEL_KEEP_PERCENT ?? 10);
const cluster = await startCluster({ gateways: 3, env: { FRAMETEL_KEEP_PERCENT: String(keep) }, prefix: 'check' });
try {
  const steady = await runScenario(cluster, { name: 'steady', count, seed: 7 });
  console.log(describeRun(steady));
  const [lo, hi] = binomialBounds(steady.report.plain.sent, keep / 100);
  console.log(`  plain kept ${steady.report.plain.complete}, binomial bounds (4 sd) for ${keep} %: [${lo}, ${hi}]`);
  const kill = await runScenario(cluster, {
    name: 'kill',
    count,
    seed: 8,
    disrupt: { gateway: 1, signal: 'SIGKILL', downMs: 3000 },
  });
  console.log(describeRun(kill));
  const term = await runScenario(cluster, {
    name: 'sigterm',
    count,
    seed: 9,
    disrupt: { gateway: 2, signal: 'SIGTERM', downMs: 3000 },
  });
  console.log(describeRun(term));
  const rss = cluster.procs.map((p) => `${p.name} ${p.rssMiB().toFixed(0)} MiB`).join(', ');
  console.log(`RSS at the end: ${rss}`);
} finally {
  await cluster.stop();
}
