// The scale-out scenarios, shared by test/collector/scale-out.test.ts (300 traces per run) and
// collector/scale/check.mjs (2 000): steady traffic, a gateway killed with SIGKILL mid-run and
// restarted, a gateway stopped with SIGTERM mid-run and restarted. Each run uses its own service
// name, so Jaeger's answer for one run is that run's traces only.
import { auditInJaeger, makeTraces, sendTraces } from './traffic.mjs';

/** How long after the last request the gateways have decided and exported everything. */
export const SETTLE_MS = 10_000 + 4_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends `count` traces through the edge; if `disrupt` is given, at 40 % of the sending time
 * stops gateway `disrupt.gateway` with `disrupt.signal`, and restarts it `disrupt.downMs` later.
 * Waits for the decisions, then audits Jaeger.
 */
export async function runScenario(cluster, { name, count, seed, ratePerSecond = 100, disrupt }) {
  const service = `scale-${name}`;
  const traces = makeTraces({ count, seed, label: name });
  const sendMs = (count / ratePerSecond) * 1000 + 5000;
  let disruption;
  const onTick = disrupt
    ? async (elapsed) => {
        if (disruption || elapsed < sendMs * 0.4) return;
        const gw = cluster.gateways[disrupt.gateway];
        disruption = (async () => {
          const t0 = Date.now();
          await gw.stop(disrupt.signal);
          const stoppedMs = Date.now() - t0;
          await sleep(disrupt.downMs);
          await gw.start();
          return { stoppedMs, downMs: Date.now() - t0 };
        })();
      }
    : undefined;
  const sent = await sendTraces(cluster.edge.httpUrl, traces, { ratePerSecond, service, onTick });
  const timing = disruption ? await disruption : undefined;
  // The edge's queue retries what the stopped gateway could not take; give it time to drain.
  await sleep(SETTLE_MS + (disrupt ? 5_000 : 0));
  const audit = await auditInJaeger(cluster.jaeger.queryUrl, traces, service);
  return { name, count, sent, timing, ...audit };
}

/** One line per kind: complete / partial / missing of sent. */
export function describeRun(run) {
  const lines = [
    `${run.name}: ${run.count} traces in ${run.sent.seconds.toFixed(1)} s; edge answered ${JSON.stringify(run.sent.statuses)}, ${run.sent.connectErrors} connection errors${run.timing ? `; gateway down ${(run.timing.downMs / 1000).toFixed(1)} s` : ''}`,
  ];
  for (const [kind, r] of Object.entries(run.report))
    lines.push(
      `  ${kind.padEnd(9)} sent ${r.sent}: kept whole ${r.complete}, partial ${r.partial}, missing ${r.missing}`,
    );
  return lines.join('\n');
}
