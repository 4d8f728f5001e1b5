// Renders the overlay's "Vitals" and "Slowest interactions" sections in headless Chromium and
// writes docs/overlay-vitals.png. The vitals are real (WebVitalsInstrumentation on this page,
// after a slow click and a layout shift); the interactions come from a stand-in source with the
// shape of InteractionInstrumentation.slowestInteractions(n) (issue 12 part A), filled from the
// page's own click. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => join(root, 'dist', p);
const page = `
import { register } from 'frametel';
import { WebVitalsInstrumentation, NavigationInstrumentation } from 'frametel/vitals';
import { mountOverlay } from 'frametel/devtools';
const interactions = [];
const stand_in = { instrumentationName: 'interactions (stand-in)', slowestInteractions: (n) => interactions.slice(0, n) };
const ft = register({ serviceName: 'screenshot', endpoint: false, budgets: 'normal',
  instrumentations: [new WebVitalsInstrumentation({ reportAllChanges: true }), new NavigationInstrumentation()] });
const busy = (ms) => { const end = performance.now() + ms; while (performance.now() < end); };
document.getElementById('sort').addEventListener('click', (e) => {
  const t0 = performance.now(); ft.track('table.sort', () => busy(260), { 'ui.table.name': 'Orders' });
  interactions.push({ type: 'click', target: 'button#sort.primary', durationMs: 296, inputDelayMs: 3.2,
    processingMs: performance.now() - t0, presentationDelayMs: 28.5,
    operations: ['signal.update', 'table.state_change', 'table.sort', 'component.render'],
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
  interactions.push({ type: 'keydown', target: 'input#filter', durationMs: 64, inputDelayMs: 1.1, processingMs: 41,
    presentationDelayMs: 21.9, operations: ['signal.update', 'table.filter'], traceId: '9c1e0a2b77d04f5c8e6b1a2d3c4e5f60' });
});
setTimeout(() => { const b = document.createElement('div'); b.style.height = '140px'; document.body.prepend(b); }, 300);
mountOverlay(ft, { interactions: stand_in, traceUrl: (id) => 'http://localhost:16686/trace/' + id });
window.ready = true;`;

execFileSync('bash', [join(root, 'scripts/ensure-chromium.sh')], { stdio: 'ignore' });
const js = (
  await build({
    stdin: { contents: page, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    alias: {
      frametel: dist('index.js'),
      'frametel/vitals': dist('instrumentations/vitals/index.js'),
      'frametel/devtools': dist('devtools/index.js'),
    },
  })
).outputFiles[0].text;
const html = `<!doctype html><body style="margin:0;font:15px sans-serif;background:#fff">
<h1 style="margin:16px">Orders</h1><button id="sort" class="primary">sort by total</button><p>grid…</p>
<script type="module" src="/p.js"></script></body>`;
const server = createServer((req, res) =>
  req.url === '/p.js'
    ? res.writeHead(200, { 'content-type': 'text/javascript' }).end(js)
    : res.writeHead(200, { 'content-type': 'text/html' }).end(html),
);
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const tab = await browser.newPage({ viewport: { width: 700, height: 640 } });
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.ready === true);
  await tab.waitForTimeout(1000);
  await tab.click('#sort');
  await tab.waitForTimeout(2500);
  const panel = tab.locator('[data-frametel-overlay]');
  const out = join(root, 'docs', 'overlay-vitals.png');
  await panel.locator('section.panel').screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.close();
}
