// InteractionInstrumentation in real Chromium. Added main-thread time per interaction: real input
// (CDP mouse events: pointerdown, pointerup and click per click) on a cross-origin isolated page
// (performance.now() at 5 µs instead of 100 µs), with every entry point of the instrumentation
// (capture and bubble listeners, PerformanceObserver callback, sweep timer; span start,
// end and the span processors they run) timed in the page and summed per click — a per-click
// difference of whole-task times against a baseline page is lost in the 3–9 ms of rendering each
// click costs. Idle CPU: the renderer's own main-thread clock (CDP Performance.getMetrics
// TaskDuration) over an idle stretch, side by side with the same page without the instrumentation.
// Real input is also run on the baseline page, alternating rounds, to time the app's own click
// handler on both: the handler's first traced work starts the interaction span (lazily), which is
// frametel's time spent outside its entry points. A no-input control shows what any code pays as
// the first JS of a task on this machine (same track(), first and second in a timer task after idle).
// Isolated clicks, 1.6 s apart as a user's are, show what a click costs when every one of its tasks
// starts cold, and how many sweep tasks it takes (rapid clicks share them and hide that count).
// Prints only.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveIsolatedPage } from './lib/isolated-page.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 11;
const CLICKS = quick ? 10 : 40;
const IDLE_MS = quick ? 2000 : 10_000;
/** Isolated clicks: further apart than the entry timeout (1 s) and the sweep 250 ms after it, as a user's are. */
const ISOLATED_GAP_MS = 1600;
const ISOLATED_CLICKS = quick ? 3 : 6;
const ISOLATED_ROUNDS = quick ? 1 : 3;
/** Mean without the slowest 10 % (calls preempted by the OS on a shared machine). */
function trimmedMean(xs) {
  const kept = [...xs].sort((a, b) => a - b).slice(0, Math.max(1, Math.ceil(xs.length * 0.9)));
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}
const dist = (p) => fileURLToPath(new URL(`../dist/${p}`, import.meta.url));
/** The entry points that run in the input tasks; the others end the interaction in frametel's own tasks. */
const LISTENERS = ['onEvent', 'onDispatched'];

/** µs per click inside the instrumentation, from the timed calls of each entry point: all, listeners, ending. */
function splitPerClick(calls, perClickUs) {
  const us = (keep) => Object.entries(calls).reduce((t, [n, xs]) => t + (keep(n) ? perClickUs(xs) : 0), 0);
  return {
    inside: us(() => true),
    listeners: us((n) => LISTENERS.includes(n)),
    ending: us((n) => !LISTENERS.includes(n)),
  };
}

/** Clears a page's timings (and sets its handler's busy time) before a round of clicks. */
const resetPage = (page, busyMs) =>
  page.evaluate((ms) => {
    window.bench.setBusy(ms);
    window.bench.spent.calls = {};
    window.bench.handlerMs.length = 0;
  }, busyMs);

/** A page's timings after a round: the calls of each entry point and the handler's times (ms). */
const readPage = (page) =>
  page.evaluate(() => ({ calls: window.bench.spent.calls, handlerMs: window.bench.handlerMs }));

/** One round of isolated clicks at (x, y), each after ISOLATED_GAP_MS and every timer after the last done; its timings. */
async function isolatedRound(page, x, y) {
  await page.bringToFront();
  await resetPage(page, 0);
  for (let i = 0; i < ISOLATED_CLICKS; i++) {
    await page.waitForTimeout(ISOLATED_GAP_MS);
    await page.mouse.click(x, y);
  }
  await page.waitForTimeout(ISOLATED_GAP_MS);
  return readPage(page);
}

/** µs per isolated click, from the ms of a round's timed calls. */
const perIsolatedClick = (xs) => (xs.reduce((a, b) => a + b, 0) * 1000) / ISOLATED_CLICKS;

const PAGE = `
import { register } from 'frametel';
import { InteractionInstrumentation } from 'frametel/vitals';
const withInteractions = location.hash === '#interactions';
const exported = { spans: 0 };
const nullExporter = { export: (s, done) => { exported.spans += s.length; done({ code: 0 }); }, shutdown: async () => {}, forceFlush: async () => {} };
const ft = register({
  serviceName: 'bench',
  endpoint: false,
  exporters: { traces: [nullExporter] },
  instrumentations: withInteractions ? [new InteractionInstrumentation()] : [],
});
// Time spent inside the instrumentation, per call of each entry point (outermost only: they call
// one another). The machine is shared: a call the OS preempted shows up as a long outlier, so the
// per-click cost is computed from trimmed means per entry point (see trimmedMean in the bench).
const spent = { depth: 0, calls: {} };
const proto = InteractionInstrumentation.prototype;
const originals = {};
for (const name of ['onEvent', 'onDispatched', 'onEntries', 'finishAll', 'finish', 'sweep']) {
  const original = (originals[name] = proto[name]);
  proto[name] = function (...args) {
    if (spent.depth++ > 0) {
      try {
        return original.apply(this, args);
      } finally {
        spent.depth--;
      }
    }
    const t0 = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      (spent.calls[name] ??= []).push(performance.now() - t0);
      spent.depth--;
    }
  };
}
let busyMs = 0;
// The handler's own wall time per click (on both pages, to see what the lazily started
// interaction span adds to it).
const handlerMs = [];
document.getElementById('go').addEventListener('click', () => {
  const t0 = performance.now();
  ft.track('work', () => {
    const end = performance.now() + busyMs;
    while (performance.now() < end);
  });
  handlerMs.push(performance.now() - t0);
});
// No input: a timer task after \`gap\` ms idle runs the same track() twice; the first pays what the
// first JS of any task pays here (code and data to bring back in), the second shows the code's cost.
async function coldStart(n, gap) {
  const first = [];
  const second = [];
  for (let i = 0; i < n; i++) {
    await new Promise((resolve) => setTimeout(resolve, gap));
    const t0 = performance.now();
    ft.track('probe', () => 1);
    const t1 = performance.now();
    ft.track('probe', () => 1);
    first.push(t1 - t0);
    second.push(performance.now() - t1);
  }
  return { first, second };
}
// A tap driven straight through the instrumentation's entry points, warm, in a tight loop: the
// capture listener for pointerdown (its own task), pointerup and click (one task; the click's
// handler runs track(), so the click's span is started as its parent), the bubble listener that
// ends each dispatch, and the end of all three without Event Timing entries (fast events get
// none). Baseline: the handler alone. Alternating rounds.
const inst = ft.instrumentations[0];
const btn = document.getElementById('go');
const event = (type) => ({ type, isTrusted: true, timeStamp: performance.now(), target: btn, eventPhase: 1 });
const dispatched = (e) => {
  e.eventPhase = 0;
  inst.onDispatched(e);
};
function tap() {
  const down = event('pointerdown');
  inst.onEvent(down);
  dispatched(down);
  const up = event('pointerup');
  inst.onEvent(up);
  dispatched(up);
  const click = event('click');
  inst.onEvent(click);
  ft.track('work', () => 1);
  dispatched(click);
  inst.finishAll([...inst.waiting]);
}
function handlerOnly() {
  ft.track('work', () => 1);
}
// Taps in chunks of 10, a task boundary (untimed) between chunks so the instrumentation's queued
// end-of-task messages and timers run as they would between real inputs instead of piling up.
const channel = new MessageChannel();
let wake;
channel.port1.onmessage = () => wake();
const yieldTask = () => new Promise((resolve) => ((wake = resolve), channel.port2.postMessage(0)));
async function simulate(rounds, ops) {
  const timed = {};
  for (const name of Object.keys(originals)) [timed[name], proto[name]] = [proto[name], originals[name]];
  const us = { tap: [], handlerOnly: [] };
  for (let r = 0; r < rounds + 2; r++)
    for (const [name, fn] of r % 2 ? [['tap', tap], ['handlerOnly', handlerOnly]] : [['handlerOnly', handlerOnly], ['tap', tap]]) {
      let ms = 0;
      for (let done = 0; done < ops; done += 10) {
        const t0 = performance.now();
        for (let i = 0; i < 10; i++) fn();
        ms += performance.now() - t0;
        await yieldTask();
      }
      if (r >= 2) us[name].push((ms * 1000) / ops);
    }
  // Pieces, 5000 times each after 500 warm-up calls: an idle event (no work, no entry: no span is
  // started), and a click whose handler runs track() against track() alone (the difference is the
  // interaction span plus the listener calls).
  const pieces = {};
  const time = (name, fn, n = 5000) => {
    for (let i = 0; i < 500; i++) fn();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    pieces[name] = ((performance.now() - t0) * 1000) / n;
  };
  time('idleEvent', () => {
    const e = event('pointerdown');
    inst.onEvent(e);
    dispatched(e);
    inst.finishAll([...inst.waiting]);
  });
  time('trackOnly', handlerOnly);
  time('clickWithWork', () => {
    const e = event('click');
    inst.onEvent(e);
    ft.track('work', () => 1);
    dispatched(e);
    inst.finishAll([...inst.waiting]);
  });
  Object.assign(proto, timed); // the timing wrappers back, for the real-input part
  return { ...us, pieces };
}
window.bench = { ft, exported, spent, handlerMs, simulate, coldStart, setBusy: (ms) => (busyMs = ms) };
`;

async function main() {
  // --dist=<dir>: another build's dist (e.g. a copy of main's inside the checkout), for a before/after.
  const distArg = process.argv.find((x) => x.startsWith('--dist='))?.slice('--dist='.length);
  const site = await serveIsolatedPage(
    PAGE,
    distArg ? fileURLToPath(new URL(`../${distArg}/`, import.meta.url)) : dist(''),
  );
  const origin = site.origin;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const pages = {};
    for (const [name, hash] of [
      ['baseline', ''],
      ['interactions', '#interactions'],
    ]) {
      const page = await browser.newPage();
      await page.goto(`${origin}/${hash}`);
      await page.waitForFunction(() => window.bench);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const taskSeconds = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
      pages[name] = { page, taskSeconds };
    }

    // Idle: no input; everything the page's main thread does in the window.
    const idle = {};
    for (const [name, { page, taskSeconds }] of Object.entries(pages)) {
      await page.bringToFront();
      const t0 = await taskSeconds();
      const w0 = performance.now();
      await page.waitForTimeout(IDLE_MS);
      idle[name] = ((await taskSeconds()) - t0) / ((performance.now() - w0) / 1000);
    }

    // Interactions: the instrumented page's own time per click, fast clicks (no Event Timing entry:
    // the 1 s timeout path) and clicks whose handler runs 30 ms (entry path) or 80 ms (entry and
    // long animation frame path), median over rounds; split into the input tasks' listeners and the ending (sweep timer, entries: frametel's own
    // tasks). Fast clicks on the baseline page in the same rounds, for the handler's time there.
    const { page } = pages.interactions;
    const isolated = await page.evaluate(() => crossOriginIsolated);
    const perClick = { fast: [], slow: [], long: [], listeners: [], ending: [] };
    const handlerUsPerClick = { baseline: [], interactions: [] };
    const perClickUs = (xs) => (trimmedMean(xs) * xs.length * 1000) / CLICKS;
    for (let r = 0; r < ROUNDS + 1; r++) {
      for (const [name, kind] of [
        ['interactions', 'fast'],
        ['interactions', 'slow'],
        ['interactions', 'long'],
        ['baseline', 'fast'],
      ]) {
        const target = pages[name].page;
        await target.bringToFront();
        await resetPage(target, { fast: 0, slow: 30, long: 80 }[kind]);
        for (let i = 0; i < CLICKS; i++) await target.mouse.click(20, 12);
        await target.waitForTimeout(1600); // past the Event Timing wait and the sweep after it, so every span has ended
        const { calls, handlerMs } = await readPage(target);
        if (r === 0) continue; // round 0 warms up the JIT
        if (kind === 'fast') handlerUsPerClick[name].push(perClickUs(handlerMs));
        if (name === 'baseline') continue;
        const split = splitPerClick(calls, perClickUs);
        perClick[kind].push(split.inside);
        if (kind === 'fast') {
          perClick.listeners.push(split.listeners);
          perClick.ending.push(split.ending);
        }
      }
    }
    // Isolated clicks, as a user makes them: each one alone, every timer of the previous one done,
    // so every task of it starts cold. Same sums as above, plus frametel's tasks per click (its
    // sweep timer's runs), and the handler on both pages in alternating rounds.
    const lone = { inside: [], listeners: [], ending: [], sweeps: [], handler: { baseline: [], interactions: [] } };
    for (let r = 0; r < ISOLATED_ROUNDS; r++) {
      for (const name of r % 2 ? ['baseline', 'interactions'] : ['interactions', 'baseline']) {
        const { calls, handlerMs } = await isolatedRound(pages[name].page, 20, 12);
        lone.handler[name].push(perIsolatedClick(handlerMs));
        if (name === 'baseline') continue;
        const split = splitPerClick(calls, perIsolatedClick);
        lone.inside.push(split.inside);
        lone.listeners.push(split.listeners);
        lone.ending.push(split.ending);
        lone.sweeps.push((calls.sweep?.length ?? 0) / ISOLATED_CLICKS);
      }
    }
    // Isolated idle clicks (on the page, not the button: no handler, no traced work): what a click
    // that exports nothing costs, and that it runs no task of frametel's own (no sweep).
    const idleClicks = { inside: [], sweeps: [] };
    for (let r = 0; r < ISOLATED_ROUNDS; r++) {
      const { calls } = await isolatedRound(page, 300, 200);
      idleClicks.inside.push(splitPerClick(calls, perIsolatedClick).inside);
      idleClicks.sweeps.push((calls.sweep?.length ?? 0) / ISOLATED_CLICKS);
    }
    // No input, baseline page (nothing of the instrumentation runs there).
    await pages.baseline.page.bringToFront();
    const cold = await pages.baseline.page.evaluate((n) => window.bench.coldStart(n, 200), quick ? 10 : 40);
    const median = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.floor(s.length / 2)];
    };
    const spans = await page.evaluate(() => window.bench.exported.spans);
    const sim = await page.evaluate(([rounds, ops]) => window.bench.simulate(rounds, ops), [ROUNDS * 4, 200]);
    const { pieces } = sim;
    const tapUs = median(sim.tap);
    const handlerUs = median(sim.handlerOnly);
    console.log(`interactions (Chromium ${browser.version()}, ${CLICKS} clicks × ${ROUNDS} rounds)`);
    console.log(
      `  warm, entry points called directly (${ROUNDS * 4} rounds × 200 taps in chunks of 10, side by side, median µs per tap):`,
    );
    console.log(`    handler alone (one track() span)                    ${handlerUs.toFixed(2)} µs`);
    console.log(`    tap: pointerdown + pointerup + click + same handler ${tapUs.toFixed(2)} µs`);
    console.log(
      `    added per interaction                               ${(tapUs - handlerUs).toFixed(2)} µs  (target ≤ 50 µs; ratio ${(tapUs / handlerUs).toFixed(2)}×)`,
    );
    console.log(
      `  pieces (5000 calls each): idle event ${pieces.idleEvent.toFixed(2)} µs (no span started); click with work ${pieces.clickWithWork.toFixed(2)} µs vs track() alone ${pieces.trackOnly.toFixed(2)} µs`,
    );
    console.log(
      `  real CDP input, wall time inside the instrumentation per click, median of rounds (crossOriginIsolated: ${isolated});`,
    );
    console.log('  every entry point runs as the first JS of its task here (see the no-input control below):');
    console.log(
      `    fast click, no Event Timing entry (timeout path)   ${median(perClick.fast).toFixed(1)} µs  (target ≤ 50 µs)`,
    );
    console.log(
      `      listeners in the input tasks ${median(perClick.listeners).toFixed(1)} µs, ending (sweep timer, entries: its own tasks) ${median(perClick.ending).toFixed(1)} µs`,
    );
    console.log(
      `    30 ms handler, Event Timing entry path             ${median(perClick.slow).toFixed(1)} µs  (target ≤ 50 µs)`,
    );
    console.log(
      `    80 ms handler, Event Timing entry + long animation frame ${median(perClick.long).toFixed(1)} µs  (target ≤ 50 µs)`,
    );
    console.log(`    spans exported by the instrumented page: ${spans} (interaction click + work per click)`);
    const handlerBase = median(handlerUsPerClick.baseline);
    const handlerWith = median(handlerUsPerClick.interactions);
    console.log(
      `  the app's click handler (one track()), fast clicks, same rounds: baseline page ${handlerBase.toFixed(1)} µs, with frametel ${handlerWith.toFixed(1)} µs`,
    );
    const handlerDiff = handlerWith - handlerBase;
    console.log(
      `    (${handlerDiff >= 0 ? '+' : '−'}${Math.abs(handlerDiff).toFixed(1)} µs: the interaction span, started lazily there as its span's parent, outside the entry points;`,
    );
    console.log(
      "    less, not more, when frametel's listener, first in the task, already paid to bring back code the handler shares)",
    );
    console.log(
      `    added per fast click, real input: entry points + handler difference ${(median(perClick.fast) + handlerDiff).toFixed(1)} µs`,
    );
    const isoHandlerDiff = median(lone.handler.interactions) - median(lone.handler.baseline);
    console.log(
      `  isolated clicks (${ISOLATED_CLICKS} × ${ISOLATED_ROUNDS} rounds, ${ISOLATED_GAP_MS} ms apart: each click's tasks start cold), median of rounds:`,
    );
    console.log(
      `    inside the instrumentation ${median(lone.inside).toFixed(1)} µs per click: listeners ${median(lone.listeners).toFixed(1)} µs, ending ${median(lone.ending).toFixed(1)} µs in ${median(lone.sweeps).toFixed(2)} sweep task(s)`,
    );
    console.log(
      `    the app's handler: baseline page ${median(lone.handler.baseline).toFixed(1)} µs, with frametel ${median(lone.handler.interactions).toFixed(1)} µs; added per isolated click ${(median(lone.inside) + isoHandlerDiff).toFixed(1)} µs  (target ≤ 50 µs)`,
    );
    console.log(
      `    idle clicks (no handler; nothing exported): inside the instrumentation ${median(idleClicks.inside).toFixed(1)} µs per click, in ${median(idleClicks.sweeps).toFixed(2)} sweep task(s)`,
    );
    const coldMedian = (ms) => median(ms.map((x) => x * 1000));
    console.log(
      `  no-input control, baseline page, a timer task after 200 ms idle (${cold.first.length}×), median: first track() of the task ${coldMedian(cold.first).toFixed(1)} µs,`,
    );
    console.log(
      `    a second track() right after it ${coldMedian(cold.second).toFixed(1)} µs, warm in a loop ${pieces.trackOnly.toFixed(2)} µs: the first JS of any task pays to bring its code back in`,
    );
    console.log(`  idle page, ${IDLE_MS / 1000} s without input: main-thread busy share (TaskDuration / wall time)`);
    console.log(
      `    baseline ${(idle.baseline * 100).toFixed(3)} %, with InteractionInstrumentation ${(idle.interactions * 100).toFixed(3)} %  (target ≤ 0.1 %)`,
    );
  } finally {
    await browser.close();
    site.close();
  }
}

await main();
