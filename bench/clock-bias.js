// Experiment, not part of npm run bench: is a sum of per-call performance.now() differences biased
// on a cross-origin isolated page (5 µs clock)? 50 000 calls of a function of known cost, each timed,
// summed, against the same loop timed whole (bench/interactions.js sums per-call times).
//   node bench/clock-bias.js
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
const html = `<!doctype html><script>
function f(n){ let x=0; for (let i=0;i<n;i++) x+=Math.sqrt(i); return x; }
window.t = (n, reps) => { const out = {};
  for (const k of [n]) { for (let i=0;i<1000;i++) f(k);
    let sum = 0; const T0 = performance.now(); for (let i=0;i<reps;i++){ const a=performance.now(); f(k); sum += performance.now()-a; } const total = performance.now()-T0;
    const T1 = performance.now(); for (let i=0;i<reps;i++){ f(k); } const bare = performance.now()-T1;
    out[k] = { perCallSumOfClamped: +(sum/reps*1000).toFixed(3), perCallWhole: +(bare/reps*1000).toFixed(3), perCallWholeWithTimers: +(total/reps*1000).toFixed(3) }; }
  return { coi: crossOriginIsolated, ...out }; };
</script>`;
const iso = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'content-type': 'text/html',
};
const server = createServer((_q, s) => s.writeHead(200, iso).end(html));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const p = await b.newPage();
await p.goto(`http://127.0.0.1:${server.address().port}/`);
for (const n of [10, 300, 1500]) console.log(n, JSON.stringify(await p.evaluate(([n]) => t(n, 50000), [n])));
await b.close();
server.close();
