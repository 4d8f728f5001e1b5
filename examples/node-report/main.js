// `npm run demo` until the browser demo lands: registers frametel in Node, runs tracked
// operations (some over budget), and prints the operation report and what was exported.
import { register, consoleAlerts, budgetPreset } from '../../dist/index.js';

const endpoint = process.env.FRAMETEL_ENDPOINT ?? 'http://127.0.0.1:4318';
const ft = register({
  serviceName: 'frametel-demo',
  serviceVersion: '0.1.0',
  endpoint,
  budgets: { ...budgetPreset('normal'), 'checkout.total': { budgetMs: 5, severity: 'error' } },
  alerts: { destinations: [consoleAlerts()] },
});

ft.on('budgetViolation', (v) => {
  console.log(`violation: ${v.operation} took ${v.actual.toFixed(1)} ms (budget ${v.budget} ms, ${v.severity})`);
});

function busy(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

for (let i = 0; i < 200; i++) ft.track('table.sort', () => busy(i % 50 === 0 ? 60 : 1 + (i % 5)));
for (let i = 0; i < 20; i++) ft.track('checkout.total', () => busy(i === 7 ? 8 : 1));
await ft.track('cart.load', () => new Promise((r) => setTimeout(r, 30)));

await ft.forceFlush();
console.log('\nOperation report (CSV):\n');
console.log(ft.report('csv'));
const d = ft.diagnostics();
console.log(
  `exported spans ${d.traces.exported}, failed ${d.traces.failed}; logs exported ${d.logs.exported}, failed ${d.logs.failed}`,
);
if (d.traces.failed > 0) console.log(`(no OTLP receiver at ${endpoint}: failures are counted, never thrown)`);
await ft.shutdown();
