// Experiment, not part of npm run bench: why real input (CDP clicks) costs the interaction
// instrumentation several times its warm cost. Side by side in one run, alternating rounds:
// Chromium flag variants (FLAGS, JSON name → extra args; default: default flags and
// --js-flags=--no-flush-bytecode), and page variants (MODES): `fxfirst` (frametel's capture listener
// is the first JS of each event, an app stand-in listener second), `appfirst` (the stand-in first)
// and `base` (no instrumentation, stand-in only). Prints per page: the entry points' time per click
// and per call by event type, the onEvent time histogram (5 µs clock), the app stand-in and the
// click handler's track() (first, and a second right after it), a no-input control (the same
// track() first and second in a timer task after 200 ms idle), and the same entry-point metric for
// warm taps called directly. E.g.:
//   ROUNDS=6 CLICKS=30 FLAGS='{"default":[],"noflush":["--js-flags=--no-flush-bytecode"],
//     "nojit":["--js-flags=--no-opt --no-maglev --no-sparkplug"]}' node bench/interactions-cold.js
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveIsolatedPage } from './lib/isolated-page.js';

const ROUNDS = Number(process.env.ROUNDS ?? 6);
const CLICKS = Number(process.env.CLICKS ?? 30);
const DIST = process.env.DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
const FLAGVARIANTS = JSON.parse(process.env.FLAGS ?? '{"default":[],"noflush":["--js-flags=--no-flush-bytecode"]}');

const PAGE = `
import { register } from 'frametel';
import { InteractionInstrumentation } from 'frametel/vitals';
const mode = location.hash.slice(1) || 'base';
const app = { calls: [] };
const appState = [];
// App stand-in capture listener: about what onEvent does (an object, an array push).
function appListener(e) {
  const t0 = performance.now();
  appState.push({ type: e.type, start: e.timeStamp, target: e.target, deadline: e.timeStamp + 1000 });
  if (appState.length > 100) appState.shift();
  app.calls.push([e.type, performance.now() - t0]);
}
const listen = () => { for (const t of ['pointerdown', 'pointerup', 'click']) window.addEventListener(t, appListener, { capture: true, passive: true }); };
if (mode === 'appfirst' || mode === 'base') listen();
const exported = { spans: 0 };
const nullExporter = { export: (s, done) => { exported.spans += s.length; done({ code: 0 }); }, shutdown: async () => {}, forceFlush: async () => {} };
const ft = register({ serviceName: 'bench', endpoint: false, exporters: { traces: [nullExporter] },
  instrumentations: mode === 'base' ? [] : [new InteractionInstrumentation()] });
if (mode === 'fxfirst') listen();
const spent = { depth: 0, calls: [] };
const proto = InteractionInstrumentation.prototype;
for (const name of ['onEvent', 'onDispatched', 'onEntries', 'finishAll', 'finish', 'sweep']) {
  const original = proto[name];
  proto[name] = function (a) {
    if (spent.depth++ > 0) { try { return original.apply(this, arguments); } finally { spent.depth--; } }
    const t0 = performance.now();
    try { return original.apply(this, arguments); }
    finally { const t1 = performance.now(); spent.calls.push([name, a && a.type, t1 - t0, t0]); spent.depth--; }
  };
}
const handler = { calls: [] };
document.getElementById('go').addEventListener('click', () => {
  const t0 = performance.now();
  ft.track('work', () => 1);
  const t1 = performance.now();
  ft.track('work', () => 1);
  handler.calls.push(t1 - t0);
  (handler.second ??= []).push(performance.now() - t1);
});
const inst = ft.instrumentations[0];
const btn = document.getElementById('go');
const ev = (type) => ({ type, isTrusted: true, timeStamp: performance.now(), target: btn, eventPhase: 1 });
const dispatched = (e) => { e.eventPhase = 0; inst.onDispatched(e); };
function tap() {
  const down = ev('pointerdown'); inst.onEvent(down); dispatched(down);
  const up = ev('pointerup'); inst.onEvent(up); dispatched(up);
  const click = ev('click'); inst.onEvent(click); ft.track('work', () => 1); dispatched(click);
  inst.finishAll([...inst.waiting]);
}
// warm loop of the app stand-in and of a tap, for the same-page warm comparison
window.bench = { ft, exported, spent, app, handler, reset() { spent.calls = []; app.calls = []; handler.calls = []; handler.second = []; },
  async idleProbe(n, gap) { const a = [], b = [], c = [];
    for (let i = 0; i < n; i++) { await new Promise((r) => setTimeout(r, gap));
      const t0 = performance.now(); appListener({ type: 'probe', timeStamp: 0, target: null }); const t1 = performance.now();
      ft.track('work', () => 1); const t2 = performance.now(); ft.track('work', () => 1); const t3 = performance.now();
      a.push(t1 - t0); b.push(t2 - t1); c.push(t3 - t2); }
    app.calls = app.calls.filter((x) => x[0] !== 'probe');
    const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return s[Math.floor(s.length / 2)] * 1000; };
    const mean = (xs) => xs.reduce((x, y) => x + y, 0) / xs.length * 1000;
    return { appStandIn: [med(a), mean(a)], firstTrack: [med(b), mean(b)], secondTrack: [med(c), mean(c)] }; },
  warmApp(n) { const e = { type: 'pointerdown', timeStamp: performance.now(), target: document.body };
    const saved = app.calls; app.calls = []; for (let i = 0; i < n; i++) appListener(e); const xs = app.calls; app.calls = saved;
    return xs.reduce((s, x) => s + x[1], 0) / n * 1000; },
  warmTap(n) { if (!inst) return NaN; for (let i = 0; i < 300; i++) tap(); spent.calls = []; for (let i = 0; i < n; i++) tap();
    const total = spent.calls.reduce((s, c) => s + c[2], 0); spent.calls = []; return total / n * 1000; } };
`;

async function main() {
  const site = await serveIsolatedPage(PAGE, DIST);
  const origin = site.origin;
  const pages = [];
  const browsers = [];
  for (const [fname, flags] of Object.entries(FLAGVARIANTS)) {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...flags],
    });
    browsers.push(browser);
    for (const mode of (process.env.MODES ?? 'fxfirst,appfirst,base').split(',')) {
      const page = await browser.newPage();
      await page.goto(`${origin}/#${mode}`);
      await page.waitForFunction(() => window.bench);
      pages.push({ name: `${fname}/${mode}`, page, data: [] });
    }
  }
  for (let r = 0; r < ROUNDS + 1; r++) {
    for (const p of r % 2 ? [...pages].reverse() : pages) {
      await p.page.bringToFront();
      await p.page.evaluate(() => window.bench.reset());
      for (let i = 0; i < CLICKS; i++) await p.page.mouse.click(20, 12);
      await p.page.waitForTimeout(1600); // past the entry timeout and the sweep 250 ms after it
      const d = await p.page.evaluate(() => ({
        spent: window.bench.spent.calls,
        app: window.bench.app.calls,
        handler: window.bench.handler.calls,
        second: window.bench.handler.second,
      }));
      if (r > 0) p.data.push(d);
    }
  }
  const med = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.floor(s.length / 2)] : NaN;
  };
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const us = (x) => (x * 1000).toFixed(1);
  for (const p of pages) {
    const perRound = [],
      byKey = {},
      appBy = {},
      hand = [];
    const hist = {};
    for (const d of p.data) {
      perRound.push(d.spent.reduce((s, c) => s + c[2], 0) / CLICKS);
      // ordinal of event within click: onEvent pointerdown starts a click
      for (const [name, type, dt] of d.spent) {
        const k = `${name}:${type ?? '-'}`;
        (byKey[k] ??= []).push(dt);
        if (name === 'onEvent') {
          const q = Math.round(dt * 1000);
          hist[q] = (hist[q] ?? 0) + 1;
        }
      }
      for (const [type, dt] of d.app) (appBy[type] ??= []).push(dt);
      hand.push(...d.handler);
      (p.second ??= []).push(...d.second);
    }
    console.log(
      `${p.name}: frametel sum per click, median of rounds ${us(med(perRound))} µs (rounds: ${perRound.map(us).join(' ')})`,
    );
    for (const [k, xs] of Object.entries(byKey))
      console.log(
        `   ${k.padEnd(24)} n=${String(xs.length).padStart(4)} mean ${us(mean(xs)).padStart(6)} median ${us(med(xs)).padStart(6)} µs per call`,
      );
    for (const [k, xs] of Object.entries(appBy))
      console.log(
        `   app:${k.padEnd(20)} n=${String(xs.length).padStart(4)} mean ${us(mean(xs)).padStart(6)} median ${us(med(xs)).padStart(6)} µs`,
      );
    if (p.second?.length)
      console.log(
        `   handler 2nd track()      n=${String(p.second.length).padStart(4)} mean ${us(mean(p.second)).padStart(6)} median ${us(med(p.second)).padStart(6)} µs`,
      );
    console.log(
      '   idle probe, timer after 200 ms idle, no input [median, mean] µs:',
      JSON.stringify(await p.page.evaluate(() => window.bench.idleProbe(40, 200))),
    );
    if (hand.length)
      console.log(
        `   handler track()          n=${String(hand.length).padStart(4)} mean ${us(mean(hand)).padStart(6)} median ${us(med(hand)).padStart(6)} µs`,
      );
    if (Object.keys(hist).length)
      console.log(
        `   onEvent dt histogram (µs:count): ${Object.entries(hist)
          .sort((a, b) => a[0] - b[0])
          .slice(0, 20)
          .map(([k, v]) => `${k}:${v}`)
          .join(' ')}`,
      );
    if (!p.name.endsWith('base'))
      console.log(
        `   warm tap, same metric (entry points timed, summed per tap, 2000 taps): ${(await p.page.evaluate(() => window.bench.warmTap(2000))).toFixed(1)} µs`,
      );
    console.log(
      `   warm app stand-in (same page, 10000 calls): ${(await p.page.evaluate(() => window.bench.warmApp(10000))).toFixed(2)} µs`,
    );
  }
  for (const b of browsers) await b.close();
  site.close();
}
await main();
