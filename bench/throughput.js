// Spans per second through register() → BatchSpanProcessor → OTLP/HTTP (JSON) → a local receiver
// on 127.0.0.1, at increasing offered rates for 2 s each: where drops begin (default queue 2048).
import { createServer } from 'node:http';
import { register } from '../dist/index.js';

const quick = process.argv.includes('--quick');
let received = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/v1/traces') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const rs of body.resourceSpans ?? [])
        for (const ss of rs.scopeSpans ?? []) received += ss.spans?.length ?? 0;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}`;

const rates = quick ? [5_000, 20_000] : [5_000, 10_000, 20_000, 40_000, 80_000, 160_000];
const seconds = quick ? 1 : 2;
const rows = [];
for (const rate of rates) {
  received = 0;
  const ft = register({ serviceName: 'throughput', endpoint: url, metricExportIntervalMs: 60_000 });
  const perTick = rate / 100; // 10 ms ticks
  let produced = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const tickStart = performance.now();
    for (let i = 0; i < perTick; i++, produced++) ft.track('bench.op', () => i);
    const wait = 10 - (performance.now() - tickStart);
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
  }
  const elapsed = (performance.now() - started) / 1000;
  await ft.forceFlush();
  const d = ft.diagnostics();
  await ft.shutdown();
  rows.push({
    offered: rate,
    achieved: Math.round(produced / elapsed),
    produced,
    received,
    // Spans ended before the pipeline chunk arrived and dropped while held count as dropped too.
    dropped: d.traces.dropped + d.heldDropped.traces,
    failed: d.traces.failed,
  });
}
server.close();
console.log('\nthroughput: register() → OTLP/HTTP JSON → local receiver (maxQueueSize 2048, batch 512)');
console.log('  offered/s   achieved/s   produced   received   dropped   failed');
for (const r of rows)
  console.log(
    `  ${String(r.offered).padStart(9)}   ${String(r.achieved).padStart(10)}   ${String(r.produced).padStart(8)}   ${String(r.received).padStart(8)}   ${String(r.dropped).padStart(7)}   ${String(r.failed).padStart(6)}`,
  );
const lossless = rows.filter((r) => r.dropped === 0 && r.failed === 0 && r.received === r.produced).at(-1);
console.log(
  `  highest offered rate with zero drops: ${lossless ? `${lossless.offered}/s` : 'none'}; every span is accounted for (received + dropped = produced)`,
);
console.log(JSON.stringify({ throughput: rows }));
