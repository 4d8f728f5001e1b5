// @vitest-environment happy-dom
import { context, diag, trace, type DiagLogger } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrametelConfigError, register, type Frametel } from '../../../src/index.js';
import { InteractionInstrumentation } from '../../../src/instrumentations/vitals/interactions/index.js';
import { forgetInteractions, interactionAt } from '../../../src/instrumentations/vitals/interaction-registry.js';
import { causeContext, noteCause } from '../../../src/context/causal.js';
import { MAX_CAUSED } from '../../../src/instrumentations/vitals/interactions/caused.js';
import { eventEntry, FakePerformanceObserver, frameEntry, nextTask, userEvent } from './fake-performance.js';

let ft: Frametel;
let spans: InMemorySpanExporter;
let inst: InteractionInstrumentation;
let button: HTMLElement;

async function start(
  config: ConstructorParameters<typeof InteractionInstrumentation>[0] = {},
  budgets: Record<string, number> | 'normal' = 'normal',
) {
  spans = new InMemorySpanExporter();
  inst = new InteractionInstrumentation(config);
  ft = register({
    serviceName: 'vitals',
    endpoint: false,
    budgets,
    exporters: { traces: [spans] },
    instrumentations: [inst],
  });
}

async function finished(): Promise<ReadableSpan[]> {
  await ft.forceFlush();
  return spans.getFinishedSpans();
}

const named = (all: ReadableSpan[], name: string) => all.filter((s) => s.name === name);
const ms = (t: ReadableSpan['startTime']) => hrTimeToMilliseconds(t) - performance.timeOrigin;

/**
 * A dialog whose close button removes it (no traced work: an idle click), clicked by the user at
 * `t0`. Built in here, so the test keeps no reference to the nodes. `collected()` forces garbage
 * collections until the button is collected (or 40 tries passed) and says whether it was.
 */
function clickClosingDialog(t0: number, options: { stop?: boolean; whileAlive?: (close: Element) => void } = {}) {
  let collected = false;
  const registry = new FinalizationRegistry(() => {
    collected = true;
  });
  (() => {
    const dialog = document.createElement('div');
    dialog.className = 'dialog';
    dialog.innerHTML = '<button class="close">x</button>';
    document.body.append(dialog);
    const close = dialog.querySelector('button')!;
    close.addEventListener('click', (e) => {
      if (options.stop) e.stopPropagation();
      dialog.remove();
    });
    registry.register(close, 0);
    userEvent(close, 'click', t0);
    options.whileAlive?.(close);
  })();
  return {
    registry, // kept reachable: a collected registry runs no callback
    async collected(): Promise<boolean> {
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      for (let i = 0; i < 40 && !collected; i++) {
        await nextTask(5);
        gc();
      }
      return collected;
    },
  };
}

beforeEach(() => {
  FakePerformanceObserver.reset();
  vi.stubGlobal('PerformanceObserver', FakePerformanceObserver);
  document.body.innerHTML =
    '<div id="grid"><table><tr><th class="col sortable" data-testid="sort-total">Total</th></tr></table></div>' +
    '<button class="btn primary">Go</button>';
  button = document.querySelector('button')!;
  forgetInteractions();
});

afterEach(async () => {
  await ft?.shutdown();
  vi.unstubAllGlobals();
});

describe('InteractionInstrumentation: the click is the root of the trace', () => {
  it('a click whose handler does traced work: interaction click → track span, timed by its Event Timing entry', async () => {
    await start();
    const th = document.querySelector('th')!;
    th.addEventListener('click', () => ft.track('grid.sort', () => 1));
    const t0 = performance.now();
    userEvent(th, 'click', t0);
    await nextTask();
    FakePerformanceObserver.deliver(eventEntry('click', t0, 96, { inputDelay: 4, processing: 60, interactionId: 7 }));
    await nextTask(80); // the long-animation-frame settle time
    const all = await finished();
    const [click] = named(all, 'interaction click');
    const [work] = named(all, 'grid.sort');
    expect(click).toBeDefined();
    expect(work!.parentSpanContext?.spanId).toBe(click!.spanContext().spanId);
    expect(work!.spanContext().traceId).toBe(click!.spanContext().traceId);
    expect(click!.parentSpanContext).toBeUndefined();
    expect(click!.attributes).toMatchObject({
      'ui.operation': 'interaction',
      'ui.interaction.type': 'click',
      'ui.interaction.target': 'th.col.sortable[data-testid="sort-total"]',
      'ui.interaction.id': 7,
      'ui.interaction.input_delay_ms': expect.closeTo(4, 6),
      'ui.interaction.processing_ms': expect.closeTo(60, 6),
      'ui.interaction.presentation_delay_ms': expect.closeTo(32, 6),
      'ui.interaction.timing_source': 'event_timing',
      'ui.budget.ms': 200,
      'ui.budget.exceeded': false,
    });
    expect(ms(click!.startTime)).toBeCloseTo(t0, 1);
    expect(ms(click!.endTime)).toBeCloseTo(t0 + 96, 1);
    // The INP report can find it by its Event Timing start time.
    expect(interactionAt(t0)?.spanContext.spanId).toBe(click!.spanContext().spanId);
  });

  it('an idle fast click exports nothing, with or without its entry, and remembers nothing', async () => {
    await start({ entryTimeoutMs: 30 });
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    const t1 = t0 + 1;
    userEvent(button, 'pointerdown', t1);
    await nextTask();
    FakePerformanceObserver.deliver(eventEntry('click', t0, 24));
    await nextTask(120); // settle + entry timeout of the pointerdown
    expect(await finished()).toEqual([]);
    expect(interactionAt(t0)).toBeUndefined();
    expect(ft.stats.get('interaction')).toBeUndefined();
  });

  it('an idle slow click is exported, and breaks its budget (interaction:<target> works as a subject)', async () => {
    const violations: unknown[] = [];
    await start({}, { interaction: 200, 'interaction:button.btn.primary': 100 });
    ft.on('budgetViolation', (v) => void violations.push(v));
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    await nextTask();
    FakePerformanceObserver.deliver(eventEntry('click', t0, 152));
    await nextTask(80);
    const [click] = named(await finished(), 'interaction click');
    expect(click!.attributes).toMatchObject({ 'ui.budget.ms': 100, 'ui.budget.exceeded': true });
    expect(click!.events.map((e) => e.name)).toContain('ui.budget.violation');
    expect(violations).toEqual([
      expect.objectContaining({ operation: 'interaction', subject: 'button.btn.primary', budget: 100 }),
    ]);
  });

  it('a tap without work (pointerup and click of one interaction) gives one span, the click', async () => {
    await start();
    const t0 = performance.now();
    userEvent(button, 'pointerup', t0);
    userEvent(button, 'click', t0 + 0.5);
    await nextTask();
    FakePerformanceObserver.deliver(
      eventEntry('pointerup', t0, 120, { interactionId: 3 }),
      eventEntry('click', t0 + 0.5, 120, { interactionId: 3 }),
    );
    await nextTask(80);
    expect((await finished()).map((s) => s.name)).toEqual(['interaction click']);
  });

  it('entries delivered out of order, in separate batches, are matched by type, start time and target', async () => {
    await start();
    const other = document.querySelector('th')!;
    for (const el of [button, other]) el.addEventListener('click', () => ft.track(`work ${el.localName}`, () => 0));
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    await nextTask();
    userEvent(other, 'click', t0 + 3); // within the rounding tolerance of the first one
    await nextTask();
    FakePerformanceObserver.deliver(eventEntry('click', t0 + 3, 64, { target: other }));
    FakePerformanceObserver.deliver(eventEntry('click', t0, 48, { target: button }));
    await nextTask(80);
    const all = await finished();
    const clicks = named(all, 'interaction click');
    expect(clicks).toHaveLength(2);
    const byTarget = (t: string) => clicks.find((s) => String(s.attributes['ui.interaction.target']).startsWith(t))!;
    expect(ms(byTarget('button').endTime)).toBeCloseTo(t0 + 48, 1);
    expect(ms(byTarget('th').endTime)).toBeCloseTo(t0 + 3 + 64, 1);
    expect(named(all, 'work th')[0]!.parentSpanContext?.spanId).toBe(byTarget('th').spanContext().spanId);
    expect(named(all, 'work button')[0]!.parentSpanContext?.spanId).toBe(byTarget('button').spanContext().spanId);
  });

  it('a missing entry: an interaction with work ends at its processing end after the timeout, marked estimated', async () => {
    await start({ entryTimeoutMs: 200 });
    button.addEventListener('click', () => ft.track('save', () => 0));
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    await nextTask(400); // the timeout and the sweep's slack (50)
    const [click] = named(await finished(), 'interaction click');
    expect(click!.attributes['ui.interaction.timing_source']).toBe('estimated');
    expect(click!.attributes['ui.interaction.processing_ms']).toBeUndefined();
    expect(ms(click!.endTime)).toBeGreaterThanOrEqual(t0);
    expect(ms(click!.endTime)).toBeLessThan(t0 + 200); // the processing end, not the timeout
    // An entry arriving after the timeout matches nothing and changes nothing.
    FakePerformanceObserver.deliver(eventEntry('click', t0, 300));
    await nextTask(80);
    expect(named(await finished(), 'interaction click')).toHaveLength(1);
  });

  it('the events of one tap, without entries, end in one sweep task, not one per deadline', async () => {
    // Each timer task pays a cold start on a real page: a tap's three deadlines (and each one's
    // provisional deadline, moved at the end of its dispatch) are as far apart as the press lasts.
    await start({ entryTimeoutMs: 100 });
    button.addEventListener('click', () => ft.track('save', () => 0));
    const sweep = vi.spyOn(inst as unknown as { sweep: () => void }, 'sweep');
    const t0 = performance.now();
    userEvent(button, 'pointerdown', t0);
    await nextTask(3);
    userEvent(button, 'pointerup', performance.now());
    await nextTask(2);
    userEvent(button, 'click', performance.now());
    await nextTask(250);
    expect(sweep).toHaveBeenCalledTimes(1);
    const [click] = named(await finished(), 'interaction click');
    expect(click!.attributes['ui.interaction.timing_source']).toBe('estimated');
    expect(ms(click!.endTime)).toBeLessThan(t0 + 100); // its own end time, not the sweep's
  });

  it('an idle tap arms no timer: no sweep task, and the next event forgets it once its wait is over', async () => {
    // Idle clicks cost nothing beyond their listeners: no timer task (each pays a cold start).
    await start({ entryTimeoutMs: 30 });
    const internals = inst as unknown as { sweep: () => void; waiting: unknown[]; sweepTimer: unknown };
    const sweep = vi.spyOn(internals, 'sweep');
    const t0 = performance.now();
    userEvent(button, 'pointerdown', t0);
    userEvent(button, 'pointerup', t0 + 1);
    userEvent(button, 'click', t0 + 1);
    expect(internals.sweepTimer).toBeUndefined();
    await nextTask(150);
    expect(sweep).not.toHaveBeenCalled();
    expect(internals.waiting).toHaveLength(3); // waiting, but nothing will come of them
    userEvent(button, 'pointerdown', performance.now());
    expect(internals.waiting).toHaveLength(1); // the new one
    // A late entry for the forgotten click matches nothing: exactly as when a timer dropped it.
    FakePerformanceObserver.deliver(eventEntry('click', t0 + 1, 200));
    await nextTask(80);
    expect(await finished()).toEqual([]);
    expect(sweep).not.toHaveBeenCalled();
  });

  it.each([
    ['its dispatch ends', false],
    ['the app stops its propagation (frametel never sees its dispatch end)', true],
  ])('an idle click keeps no removed node alive while it waits for the next event: %s', async (_, stop) => {
    await start({ entryTimeoutMs: 30 });
    const internals = inst as unknown as { waiting: Array<{ target: unknown }> };
    const dialog = clickClosingDialog(performance.now(), {
      stop,
      // Still there to match an entry by target.
      whileAlive: (close) => expect(internals.waiting[0]!.target).toBe(close),
    });
    // Held weakly (the target, and the event in the ambient slot): once the app lets the node go,
    // so does frametel, whether or not it saw the dispatch end.
    expect(await dialog.collected()).toBe(true);
    expect(internals.waiting).toHaveLength(1); // no timer has run: it waits for the next event
    expect(internals.waiting[0]!.target).toBeUndefined();
  });

  it('a slow idle click that removed its target still names it when exported after the node was collected', async () => {
    await start();
    const t0 = performance.now();
    expect(await clickClosingDialog(t0).collected()).toBe(true);
    // Its entry comes after the node is gone: slow (over minDurationMs), so it is exported.
    FakePerformanceObserver.deliver(eventEntry('click', t0, 120, { interactionId: 9 }));
    await nextTask(80); // the long-animation-frame settle
    const [click] = named(await finished(), 'interaction click');
    expect(click!.attributes['ui.interaction.target']).toBe('div.dialog > button.close');
  });

  it('an idle interaction past its wait is forgotten before entries are matched, too', async () => {
    await start({ entryTimeoutMs: 30 });
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    await nextTask(100);
    FakePerformanceObserver.deliver(eventEntry('click', t0, 200)); // after its wait: matches nothing
    await nextTask(80);
    expect(await finished()).toEqual([]);
    expect((inst as unknown as { waiting: unknown[] }).waiting).toHaveLength(0);
  });

  it('a busy click arms the sweep when its work starts, and its entry cancels it', async () => {
    await start({ entryTimeoutMs: 100 });
    button.addEventListener('click', () => ft.track('save', () => 0));
    const internals = inst as unknown as { sweep: () => void; sweepTimer: unknown };
    const sweep = vi.spyOn(internals, 'sweep');
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    expect(internals.sweepTimer).toBeDefined(); // armed by the handler's track()
    await nextTask();
    FakePerformanceObserver.deliver(eventEntry('click', t0, 48, { interactionId: 4 }));
    await nextTask(80); // the long-animation-frame settle: the click ends
    expect(internals.sweepTimer).toBeUndefined();
    await nextTask(250);
    expect(sweep).not.toHaveBeenCalled();
    const [click] = named(await finished(), 'interaction click');
    expect(click!.attributes['ui.interaction.timing_source']).toBe('event_timing');
  });

  it('work after the dispatch task is not a child; an explicit context.with() inside the handler wins', async () => {
    await start();
    const outer = trace.getTracer('test').startSpan('outer');
    button.addEventListener('click', () => {
      context.with(trace.setSpan(context.active(), outer), () => ft.track('inside outer', () => 0));
      setTimeout(() => ft.track('later', () => 0), 0);
    });
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    await nextTask(5);
    outer.end();
    FakePerformanceObserver.deliver(eventEntry('click', t0, 24));
    await nextTask(80);
    const all = await finished();
    expect(named(all, 'inside outer')[0]!.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(named(all, 'later')[0]!.parentSpanContext).toBeUndefined();
    // The handler's only traced work was under its own explicit parent: the click was idle and fast.
    expect(named(all, 'interaction click')).toEqual([]);
  });

  it('a handler that stops propagation: the ambient span still ends with the dispatch; no entry → 16 ms bound', async () => {
    await start({ entryTimeoutMs: 20 });
    button.addEventListener('click', (e) => {
      e.stopPropagation(); // frametel's bubble listener on window never runs
      ft.track('inside', () => 0);
      setTimeout(() => ft.track('after the dispatch', () => 0), 0);
    });
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    ft.track('right after the dispatch', () => 0); // same task, dispatch over
    await nextTask(120); // two sweeps: the end of the dispatch was never seen, so it waits once more
    const all = await finished();
    const [click] = named(all, 'interaction click');
    expect(named(all, 'inside')[0]!.parentSpanContext?.spanId).toBe(click!.spanContext().spanId);
    expect(named(all, 'right after the dispatch')[0]!.parentSpanContext).toBeUndefined();
    expect(named(all, 'after the dispatch')[0]!.parentSpanContext).toBeUndefined();
    expect(click!.attributes['ui.interaction.timing_source']).toBe('estimated');
    expect(ms(click!.endTime)).toBeCloseTo(t0 + 16, 1);
  });

  it('slowestInteractions(n): exported interactions only, slowest first, with phases and trace id (the overlay section shape)', async () => {
    await start({ entryTimeoutMs: 30 });
    const th = document.querySelector('th')!;
    th.addEventListener('click', () => ft.track('grid.sort', () => 1));
    expect(inst.slowestInteractions(5)).toEqual([]);
    const t0 = performance.now();
    userEvent(th, 'click', t0); // traced work: exported
    const t1 = t0 + 300;
    userEvent(button, 'click', t1); // idle but slow: exported
    const t2 = t0 + 600;
    userEvent(button, 'click', t2); // idle and fast: not exported, not listed
    await nextTask();
    FakePerformanceObserver.deliver(
      eventEntry('click', t0, 96, { inputDelay: 4, processing: 60, interactionId: 7 }),
      eventEntry('click', t1, 240, { inputDelay: 10, processing: 180, interactionId: 8 }),
      eventEntry('click', t2, 24, { interactionId: 9 }),
    );
    await nextTask(120);
    const all = await finished();
    const clicks = named(all, 'interaction click');
    expect(clicks).toHaveLength(2);
    const traceOf = (start: number) => clicks.find((c) => Math.abs(ms(c.startTime) - start) < 1)!.spanContext().traceId;
    const rows = inst.slowestInteractions(5);
    expect(rows).toEqual([
      {
        type: 'click',
        target: 'button.btn.primary',
        durationMs: expect.closeTo(240, 1),
        inputDelayMs: expect.closeTo(10, 1),
        processingMs: expect.closeTo(180, 1),
        presentationDelayMs: expect.closeTo(50, 1),
        operations: [],
        traceId: traceOf(t1),
      },
      {
        type: 'click',
        target: 'th.col.sortable[data-testid="sort-total"]',
        durationMs: expect.closeTo(96, 1),
        inputDelayMs: expect.closeTo(4, 1),
        processingMs: expect.closeTo(60, 1),
        presentationDelayMs: expect.closeTo(32, 1),
        operations: ['grid.sort'],
        traceId: traceOf(t0),
      },
    ]);
    expect(inst.slowestInteractions(1)).toEqual([rows[0]]);
    expect(inst.slowestInteractions(0)).toEqual([]);
    rows[0]!.durationMs = 0; // copies: the caller cannot change what the instrumentation keeps
    expect(inst.slowestInteractions(1)[0]!.durationMs).toBeCloseTo(240, 1);
  });

  it('slowestInteractions(n): the operations each interaction caused, in start order, renders after its end included', async () => {
    await start();
    const th = document.querySelector('th')!;
    const tracer = trace.getTracer('test');
    let render: (() => void) | undefined;
    th.addEventListener('click', () => {
      ft.track('signal.update grid.sort', () => {
        ft.track('table.state_change', () => ft.track('table.sort', () => 0));
        noteCause(); // the write causes a render committed later (src/context/causal.ts)
      });
      ft.track('signal.update grid.sort', () => 0); // a repeat is listed once
      render = () => tracer.startSpan('render OrdersGrid', {}, causeContext()).end();
    });
    const unrelated = () => tracer.startSpan('unrelated').end();
    const t0 = performance.now();
    userEvent(th, 'click', t0);
    unrelated(); // after the dispatch, outside any interaction
    await nextTask();
    FakePerformanceObserver.deliver(eventEntry('click', t0, 120, { interactionId: 5 }), frameEntry(t0, 110));
    await nextTask(80); // the interaction span ends
    expect(named(await finished(), 'interaction click')).toHaveLength(1);
    render!(); // committed after the interaction span ended, in its trace through the causing write
    const [row] = inst.slowestInteractions(1);
    expect(row!.operations).toEqual([
      'signal.update grid.sort',
      'table.state_change',
      'table.sort',
      'render OrdersGrid',
    ]);
    expect(row!.traceId).toBe(named(await finished(), 'render OrdersGrid')[0]!.spanContext().traceId);
  });

  it(`the caused list is bounded: at most ${MAX_CAUSED} distinct operations per interaction`, async () => {
    await start();
    button.addEventListener('click', () => {
      for (let i = 0; i < MAX_CAUSED + 5; i++) ft.track(`op ${i}`, () => 0);
    });
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    await nextTask();
    FakePerformanceObserver.deliver(eventEntry('click', t0, 64, { interactionId: 6 }));
    await nextTask(80);
    const [row] = inst.slowestInteractions(1);
    expect(row!.operations).toEqual(Array.from({ length: MAX_CAUSED }, (_, i) => `op ${i}`));
  });

  it('ignores script-dispatched (untrusted) events', async () => {
    await start();
    button.addEventListener('click', () => ft.track('programmatic', () => 0));
    button.click();
    await nextTask(60);
    const all = await finished();
    expect(named(all, 'programmatic')[0]!.parentSpanContext).toBeUndefined();
    expect(all.filter((s) => s.name.startsWith('interaction'))).toEqual([]);
  });
});

describe('long animation frames', () => {
  const script = (start: number, duration: number, extra = {}) => ({
    startTime: start,
    duration,
    invoker: 'TH.onclick',
    invokerType: 'event-listener',
    sourceURL: 'http://app.test/assets/index.js?v=3&token=secret#x',
    sourceFunctionName: 'toggleSort',
    sourceCharPosition: 1234,
    forcedStyleAndLayoutDuration: 2,
    ...extra,
  });

  it('a frame overlapping an interaction is its child, with script events; the longest script is on the interaction', async () => {
    await start();
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    await nextTask();
    // The frame arrives first, then the entry (any order works): the idle click now has a child.
    FakePerformanceObserver.deliver(
      frameEntry(t0 - 5, 90, [script(t0 + 2, 70), script(t0 + 75, 3, { sourceFunctionName: 'tiny' })]),
    );
    FakePerformanceObserver.deliver(eventEntry('click', t0, 32));
    await nextTask(80);
    const all = await finished();
    const [click] = named(all, 'interaction click');
    const [frame] = named(all, 'long_animation_frame');
    expect(frame!.parentSpanContext?.spanId).toBe(click!.spanContext().spanId);
    expect(frame!.attributes).toMatchObject({
      'ui.operation': 'long_animation_frame',
      'ui.loaf.blocking_duration_ms': 40,
      'ui.loaf.render_duration_ms': 10,
      'ui.loaf.style_layout_duration_ms': 6,
      'ui.loaf.scripts': 2,
    });
    expect(ms(frame!.startTime)).toBeCloseTo(t0 - 5, 1);
    expect(ms(frame!.endTime)).toBeCloseTo(t0 + 85, 1);
    expect(frame!.events.map((e) => e.attributes)).toEqual([
      {
        'ui.loaf.script.invoker': 'TH.onclick',
        'ui.loaf.script.invoker_type': 'event-listener',
        'ui.loaf.script.source_url': 'http://app.test/assets/index.js',
        'ui.loaf.script.function_name': 'toggleSort',
        'ui.loaf.script.char_position': 1234,
        'ui.loaf.script.duration_ms': 70,
        'ui.loaf.script.forced_style_layout_ms': 2,
      },
    ]); // the 3 ms script is under minScriptDurationMs (5)
    expect(click!.attributes).toMatchObject({
      'ui.interaction.longest_script.invoker': 'TH.onclick',
      'ui.interaction.longest_script.source_url': 'http://app.test/assets/index.js',
      'ui.interaction.longest_script.function_name': 'toggleSort',
      'ui.interaction.longest_script.duration_ms': 70,
    });
  });

  it('a frame reported after the interaction ended is still its child; a frame overlapping none is a root', async () => {
    await start();
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    await nextTask();
    FakePerformanceObserver.deliver(eventEntry('click', t0, 120));
    await nextTask(80);
    FakePerformanceObserver.deliver(frameEntry(t0 + 10, 100), frameEntry(t0 + 5000, 60));
    const all = await finished();
    const [click] = named(all, 'interaction click');
    const frames = named(all, 'long_animation_frame');
    expect(frames).toHaveLength(2);
    expect(frames.find((f) => ms(f.startTime) < t0 + 100)!.parentSpanContext?.spanId).toBe(click!.spanContext().spanId);
    expect(frames.find((f) => ms(f.startTime) > t0 + 1000)!.parentSpanContext).toBeUndefined();
  });

  it('a tap in one long frame: the frame belongs to the click whose handler ran in it, not to the pointerdown', async () => {
    await start();
    button.addEventListener('click', () => ft.track('handler', () => 0));
    const t0 = performance.now();
    userEvent(button, 'pointerdown', t0);
    await nextTask();
    userEvent(button, 'pointerup', t0 + 2);
    userEvent(button, 'click', t0 + 2);
    await nextTask();
    // As Chromium reports a Playwright click: one frame, the pointerdown's start inside it.
    FakePerformanceObserver.deliver(
      frameEntry(t0 + 0.4, 125, [script(t0 + 3, 120)]),
      eventEntry('pointerdown', t0, 128, { inputDelay: 0.6, processing: 0.6, interactionId: 9 }),
      eventEntry('pointerup', t0 + 2, 128, { inputDelay: 0.5, processing: 0.1, interactionId: 9 }),
      eventEntry('click', t0 + 2, 128, { inputDelay: 0.6, processing: 120, interactionId: 9 }),
    );
    await nextTask(80);
    const all = await finished();
    const [click] = named(all, 'interaction click');
    expect(named(all, 'long_animation_frame')[0]!.parentSpanContext?.spanId).toBe(click!.spanContext().spanId);
    // The pointerdown and pointerup were idle: the click is the tap's one span.
    expect(all.filter((s) => s.name.startsWith('interaction')).map((s) => s.name)).toEqual(['interaction click']);
  });

  it('longAnimationFrames: false observes no frames', async () => {
    await start({ longAnimationFrames: false });
    expect(FakePerformanceObserver.instances[0]!.observed.map((o) => o.type)).toEqual(['event', 'first-input']);
    expect(FakePerformanceObserver.instances[0]!.observed[0]!.durationThreshold).toBe(16);
  });
});

describe('unsupported runtimes and bad options', () => {
  it('without Event Timing: no listener, no span, one diag message', async () => {
    FakePerformanceObserver.reset(['mark', 'measure']);
    const messages: string[] = [];
    const logger = { info: (m: string) => messages.push(m) } as unknown as DiagLogger;
    diag.setLogger(logger);
    const spy = vi.spyOn(window, 'addEventListener');
    await start();
    new InteractionInstrumentation(); // a second instance says nothing more
    button.addEventListener('click', () => ft.track('work', () => 0));
    userEvent(button, 'click', performance.now());
    await nextTask(60);
    expect(named(await finished(), 'work')[0]!.parentSpanContext).toBeUndefined();
    expect(spy.mock.calls.filter(([type]) => type === 'click')).toEqual([]);
    expect(messages.filter((m) => m.includes('Event Timing'))).toHaveLength(1);
    diag.disable();
  });

  it.each([
    [
      { minDurationMs: -1 },
      'InteractionInstrumentation.minDurationMs: expected a number of milliseconds from 0 to 60000, got -1',
    ],
    [{ entryTimeoutMs: '1s' }, 'InteractionInstrumentation.entryTimeoutMs: expected a number of milliseconds'],
    [{ events: [] }, 'InteractionInstrumentation.events: expected a non-empty array'],
    [{ events: ['click', ''] }, 'InteractionInstrumentation.events[1]: expected an event type name'],
    [{ longAnimationFrames: 'yes' }, 'InteractionInstrumentation.longAnimationFrames: expected true or false'],
    [{ minScriptDuration: 5 }, 'minScriptDuration: unknown option (did you mean minScriptDurationMs?)'],
  ])('rejects %j with one FrametelConfigError naming the option', (config, message) => {
    const make = () => new InteractionInstrumentation(config as never);
    expect(make).toThrow(FrametelConfigError);
    expect(make).toThrow(message);
  });
});
