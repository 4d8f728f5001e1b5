// Delivery costs while the collector answers: one export round (100 violating spans, their 100
// violation log records, flushed over OTLP/HTTP to a receiver on 127.0.0.1 answering 200), with
// delivery off vs unload flush + persistence on (Node has no IndexedDB: the memory store, which
// is never touched while exports succeed). Side by side, interleaved; prints, never asserts.
import { createServer } from 'node:http';
import { register } from '../dist/index.js';
import { compare, printComparison } from './lib/measure.js';

const quick = process.argv.includes('--quick');
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const endpoint = `http://127.0.0.1:${server.address().port}`;

const busy = () => {
  const end = performance.now() + 0.02;
  while (performance.now() < end);
};
// register() replaces the previous handle, so each round registers its variant afresh (the same
// cost on both sides) and shuts it down after the flush.
const options = {
  'delivery off': { persistence: false, flushOnHide: false },
  'persistence + unload flush on': { persistence: true },
};
let stored = 0;
const variants = Object.fromEntries(
  Object.entries(options).map(([name, extra]) => [
    name,
    async (n) => {
      for (let i = 0; i < n; i++) {
        const ft = register({
          serviceName: 'b',
          endpoint,
          budgets: { op: 0.001 },
          metricExportIntervalMs: 60_000,
          ...extra,
        });
        for (let k = 0; k < 100; k++) ft.track('op', busy);
        await ft.forceFlush();
        const d = ft.diagnostics();
        stored += d.logs.stored + d.traces.stored + d.logs.failed + d.traces.failed;
        await ft.shutdown();
      }
    },
  ]),
);
const results = await compare(variants, { opsPerRound: 1, rounds: quick ? 5 : 41, warmupRounds: quick ? 1 : 5 });
printComparison(
  'export round: 100 violating spans + 100 violation records → OTLP/HTTP, per round',
  results,
  'delivery off',
);
const off = results['delivery off'].median;
const on = results['persistence + unload flush on'].median;
console.log(`  ratio on/off: ${(on / off).toFixed(3)}`);
if (stored) console.log(`  unexpected: ${stored} items stored or failed`);
server.close();
