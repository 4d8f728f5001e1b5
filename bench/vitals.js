// frametel/vitals cost, side by side in one run:
// 1. idle page: renderer main-thread time (CDP Performance.getMetrics TaskDuration) per second of
//    wall time on a page with register() only vs register() + WebVitals, Navigation and Measure
//    instrumentations, both idle (no input), interleaved, in headless Chromium;
// 2. one web-vitals report (attributes, budget check, log record, histogram) in Node, vs the same
//    log record emitted bare: what frametel adds per report.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { root } from './lib/bundle.js';
import { compare } from './lib/measure.js';

const quick = process.argv.includes('--quick');
const dist = (p) => join(root, 'dist', p);
const alias = {
  frametel: dist('index.js'),
  'frametel/vitals': dist('instrumentations/vitals/index.js'),
  'frametel/vitals/navigation': dist('instrumentations/vitals/navigation/index.js'),
  'frametel/vitals/measures': dist('instrumentations/vitals/measures/index.js'),
};

const PAGES = {
  'register() only': `import { register } from 'frametel'; register({ serviceName: 'idle', endpoint: '/otel' });`,
  'register() + vitals, navigation, measures': `import { register } from 'frametel';
import { WebVitalsInstrumentation } from 'frametel/vitals';
import { NavigationInstrumentation } from 'frametel/vitals/navigation';
import { MeasureInstrumentation } from 'frametel/vitals/measures';
register({ serviceName: 'idle', endpoint: '/otel', instrumentations: [new WebVitalsInstrumentation(),
  new NavigationInstrumentation(), new MeasureInstrumentation({ measures: /^app:/ })] });`,
};

async function idleCost() {
  execFileSync('bash', [join(root, 'scripts/ensure-chromium.sh')], { stdio: 'ignore' });
  const scripts = {};
  for (const [name, code] of Object.entries(PAGES)) {
    const out = await build({
      stdin: { contents: code, resolveDir: root, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      minify: true,
      logLevel: 'silent',
      alias,
    });
    scripts[name] = out.outputFiles[0].text;
  }
  const names = Object.keys(PAGES);
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname.startsWith('/otel/')) return void req.resume().on('end', () => res.end('{}'));
    if (url.pathname === '/page.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(scripts[url.searchParams.get('p')]);
    const p = encodeURIComponent(url.searchParams.get('p') ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><h1>idle</h1><p>text</p><script type="module" src="/page.js?p=${p}"></script>`);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const seconds = quick ? 2 : 10;
  const rounds = quick ? 1 : 3;
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  try {
    for (let r = 0; r < rounds; r++) {
      for (const name of r % 2 ? [...names].reverse() : names) {
        const page = await browser.newPage();
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        await page.goto(`${origin}/?p=${encodeURIComponent(name)}`);
        await page.waitForTimeout(1500); // load, navigation span, first reports: not idle yet
        const task = async () =>
          (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
        const t0 = await task();
        const w0 = performance.now();
        await page.waitForTimeout(seconds * 1000);
        const cpu = (await task()) - t0;
        samples[name].push((cpu / ((performance.now() - w0) / 1000)) * 100);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\nidle page, renderer main-thread busy % of wall time (${rounds}× ${seconds} s each, median)`);
  const out = {};
  for (const name of names) {
    const s = samples[name].sort((a, b) => a - b);
    out[name] = s[Math.floor(s.length / 2)];
    console.log(`  ${name.padEnd(45)} ${out[name].toFixed(3)} %`);
  }
  console.log(`  added by frametel/vitals: ${(out[names[1]] - out[names[0]]).toFixed(3)} percentage points`);
  return out;
}

async function reportCost() {
  const { register } = await import(dist('index.js'));
  const { WebVitalsInstrumentation } = await import(dist('instrumentations/vitals/index.js'));
  const { logs, SeverityNumber } = await import('@opentelemetry/api-logs');
  const vitals = new WebVitalsInstrumentation();
  const ft = register({ serviceName: 'bench', endpoint: false, instrumentations: [vitals] });
  const bare = logs.getLogger('bench');
  const metric = {
    name: 'INP',
    value: 120,
    delta: 120,
    rating: 'good',
    id: 'v6-1',
    navigationType: 'navigate',
    entries: [{ startTime: 10 }],
    attribution: {
      interactionTarget: 'button#x',
      interactionType: 'pointer',
      interactionTime: 10,
      inputDelay: 2,
      processingDuration: 100,
      presentationDelay: 18,
      loadState: 'complete',
    },
  };
  const r = await compare(
    {
      'bare logger.emit of the same record': (n) => {
        for (let i = 0; i < n; i++)
          bare.emit({ eventName: 'browser.web_vital', severityNumber: SeverityNumber.INFO, attributes: { v: i } });
      },
      'frametel web-vitals report': (n) => {
        for (let i = 0; i < n; i++) vitals.report(metric);
      },
    },
    { opsPerRound: quick ? 200 : 2000, rounds: quick ? 5 : 31 },
  );
  console.log('\none web-vitals report (Node, median ns/op over rounds, interleaved)');
  for (const [name, v] of Object.entries(r)) console.log(`  ${name.padEnd(45)} ${(v.median / 1000).toFixed(2)} µs`);
  await ft.shutdown();
  return r;
}

const idle = await idleCost();
const report = await reportCost();
console.log(JSON.stringify({ vitals: { idle, report } }));
