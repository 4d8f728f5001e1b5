// Renders the overlay's "Vitals" and "Slowest interactions" sections on the grid-dashboard demo in
// headless Chromium and writes docs/overlay-vitals.png. Everything is real: the demo's own
// WebVitalsInstrumentation and InteractionInstrumentation (examples/grid-dashboard/src/telemetry.ts),
// after a slow sort click (the demo's slow-comparator switch). No collector is needed: the demo's
// exports fail and are counted. Run after `npm run build`; pngquant (if installed) shrinks the PNG.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2] ?? join(root, 'docs', 'overlay-vitals.png');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];

execFileSync('bash', [join(root, 'scripts/ensure-chromium.sh')], { stdio: 'ignore' });
process.env.VITE_FRAMETEL_ENDPOINT = 'http://127.0.0.1:9'; // nothing listens: exports fail, counted
process.env.DEMO_PORT = '0';
const configFile = join(root, 'examples/grid-dashboard/vite.config.mjs');
const outDir = mkdtempSync(join(tmpdir(), 'overlay-vitals-demo-'));
await build({ configFile, mode: 'production', logLevel: 'warn', build: { outDir } });
const server = await preview({ configFile, mode: 'production', logLevel: 'warn', build: { outDir } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await tab.goto(server.resolvedUrls.local[0]);
  await tab.waitForSelector('table.grid tbody tr');
  await tab.getByTestId('slow-sort').check();
  await tab.getByTestId('sort-total').click();
  await tab.waitForFunction(() => document.querySelector('[data-testid="sort-total"]')?.textContent?.includes('▴'));
  const section = (id) => tab.locator(`[data-frametel-overlay] div.section.${id}`);
  // The overlay refreshes on a timer: wait until both sections show rows.
  await section('vitals').locator('tbody tr').first().waitFor({ timeout: 20_000 });
  await section('interactions').locator('tbody tr').first().waitFor({ timeout: 20_000 });
  await tab.waitForTimeout(1500); // LCP is final after the click; one more overlay refresh
  const boxes = [await section('vitals').boundingBox(), await section('interactions').boundingBox()];
  const pad = 8; // a margin of the panel's own background around the two sections
  const x = Math.min(...boxes.map((b) => b.x)) - pad;
  const y = Math.min(...boxes.map((b) => b.y)) - pad;
  const clip = {
    x,
    y,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x + pad,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y + pad,
  };
  await tab.screenshot({ path: out, clip });
  if (spawnSync('pngquant', ['--force', '--skip-if-larger', '--output', out, '--', out]).error)
    console.log('pngquant not installed: PNG left as Chromium wrote it');
  console.log(`wrote ${out} (${statSync(out).size} B)`);
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
