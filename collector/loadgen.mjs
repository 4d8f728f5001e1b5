// Load test for the closing note of the collector issue: starts otelcol-frametel (+ Jaeger) on
// free ports, sends OTLP/HTTP JSON at a fixed span rate for a while, samples the collector's RSS
// from /proc, and prints what it measured.
//   node collector/loadgen.mjs [spansPerSecond=10000] [seconds=30]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinaries } from './binaries.mjs';
import { JAEGER_CONFIG, collectorSetup } from './stack.mjs';

const rate = Number(process.argv[2] ?? 10_000);
const seconds = Number(process.argv[3] ?? 30);
const BATCH = 500;
const bins = requireBinaries();
const port = () =>
  new Promise((r) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => r(p));
    });
  });
const [http, grpc, health, metrics, jg, jh, jq, jqg, jhealth] = await Promise.all(Array.from({ length: 9 }, port));
const wait = async (url) => {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered`);
};

const jaeger = spawn(bins.jaeger, ['--config', JAEGER_CONFIG], {
  stdio: 'ignore',
  env: {
    ...process.env,
    JAEGER_OTLP_GRPC_PORT: jg,
    JAEGER_OTLP_HTTP_PORT: jh,
    JAEGER_QUERY_PORT: jq,
    JAEGER_QUERY_GRPC_PORT: jqg,
    JAEGER_HEALTH_PORT: jhealth,
  },
});
await wait(`http://127.0.0.1:${jhealth}/status`);
const setup = collectorSetup({
  ...process.env,
  FRAMETEL_OTLP_HTTP_ENDPOINT: `127.0.0.1:${http}`,
  FRAMETEL_OTLP_GRPC_ENDPOINT: `127.0.0.1:${grpc}`,
  FRAMETEL_HEALTH_ENDPOINT: `127.0.0.1:${health}`,
  FRAMETEL_COLLECTOR_METRICS_PORT: String(metrics),
  FRAMETEL_QUEUE_DIR: mkdtempSync(join(tmpdir(), 'loadq-')),
  FRAMETEL_JAEGER_ENDPOINT: `127.0.0.1:${jg}`,
});
const collector = spawn(bins.collector, setup.args, { stdio: 'ignore', env: setup.env });
await wait(`http://127.0.0.1:${health}/`);

const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${collector.pid}/status`, 'utf8'))[1]) / 1024;
const idle = rss();
const hex = (n, len) => n.toString(16).padStart(len, '0');
let sent = 0,
  failed = 0,
  seq = 0;
function batch() {
  const now = BigInt(Date.now()) * 1_000_000n;
  const spans = [];
  for (let i = 0; i < BATCH; i++, seq++) {
    const dur = BigInt(1 + (seq % 40)) * 1_000_000n;
    spans.push({
      traceId: hex(seq, 32),
      spanId: hex(seq + 1, 16),
      name: seq % 10 === 0 ? 'table.sort' : 'render Row',
      kind: 1,
      startTimeUnixNano: String(now - dur),
      endTimeUnixNano: String(now),
      attributes: [
        { key: 'ui.operation', value: { stringValue: seq % 10 === 0 ? 'table.sort' : 'component.render' } },
        { key: 'ui.budget.ms', value: { doubleValue: 16 } },
        { key: 'ui.budget.exceeded', value: { boolValue: seq % 40 > 16 } },
      ],
    });
  }
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'loadgen' } }] },
        scopeSpans: [{ scope: { name: 'frametel' }, spans }],
      },
    ],
  });
}
const samples = [];
const sampler = setInterval(() => samples.push(rss()), 1000);
const interval = (BATCH / rate) * 1000;
const started = performance.now();
let next = started;
const inflight = new Set();
while (performance.now() - started < seconds * 1000) {
  const body = batch();
  const p = fetch(`http://127.0.0.1:${http}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
    .then((r) => {
      if (r.ok) sent += BATCH;
      else failed += BATCH;
    })
    .catch(() => {
      failed += BATCH;
    })
    .finally(() => inflight.delete(p));
  inflight.add(p);
  next += interval;
  const delay = next - performance.now();
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
}
await Promise.all(inflight);
clearInterval(sampler);
const took = (performance.now() - started) / 1000;
const peak = Math.max(...samples);
const avg = samples.reduce((a, b) => a + b, 0) / samples.length;
console.log(`sent ${sent} spans in ${took.toFixed(1)} s (${Math.round(sent / took)} spans/s), rejected ${failed}`);
console.log(
  `collector RSS: idle ${idle.toFixed(0)} MB, during load avg ${avg.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (back end: Jaeger only)`,
);
collector.kill('SIGTERM');
jaeger.kill('SIGTERM');
