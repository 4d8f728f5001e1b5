import * as signals from '@preact/signals-core';
import { batch, computed, effect, signal } from '@preact/signals-core';
import { context, trace } from '@opentelemetry/api';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PreactSignalsInstrumentation, toDot } from '../../../src/instrumentations/signals/index.js';
import { register } from '../../../src/index.js';
import { dataPointsOf } from '../../support/sdk.js';

const spans = new InMemorySpanExporter();
const logs = new InMemoryLogRecordExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const meterProvider = new MeterProvider({ readers: [reader] });
const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logs })] });
const proto = signals.Signal.prototype;
// The published build mangles private names: _callback is `c`.
const original = {
  value: Object.getOwnPropertyDescriptor(proto, 'value')!,
  callback: (signals.Effect.prototype as unknown as { c: unknown }).c,
  name: Object.getOwnPropertyDescriptor(proto, 'name'),
};

let inst: PreactSignalsInstrumentation;
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
beforeEach(() => {
  inst = new PreactSignalsInstrumentation({ signals, maxUpdatesPerFrame: 5, frameMs: 60_000 });
  inst.setTracerProvider(tracerProvider);
  inst.setMeterProvider(meterProvider);
  inst.setLoggerProvider(loggerProvider);
  spans.reset();
  logs.reset();
});
afterEach(() => inst.disable());

const names = () => spans.getFinishedSpans().map((s) => s.name);

describe('PreactSignalsInstrumentation (real @preact/signals-core)', () => {
  it('a write is a span signal.update {name} with ui.operation, ui.signal.name and the effects it re-ran', () => {
    const count = signal(0, { name: 'cart.count' });
    const doubled = computed(() => count.value * 2, { name: 'cart.doubled' });
    const seen: number[] = [];
    const dispose = effect(() => void seen.push(doubled.value), { name: 'renderBadge' });
    effect(() => void count.value, { name: 'log' });
    spans.reset();
    count.value = 5;
    dispose();
    expect(seen).toEqual([0, 10]);
    const [span] = spans.getFinishedSpans();
    expect(names()).toEqual(['signal.update cart.count']);
    expect(span!.attributes).toEqual({
      'ui.operation': 'signal.update',
      'ui.signal.name': 'cart.count',
      'ui.signal.effects_run': 3,
    });
  });

  it('writing the same value produces no span; an unnamed signal gets a stable generated name', () => {
    const a = signal(1);
    a.value = 1;
    expect(names()).toEqual([]);
    a.value = 2;
    a.value = 3;
    const [first, second] = spans.getFinishedSpans();
    expect(first!.attributes['ui.signal.name']).toMatch(/^signal#\d+$/);
    expect(second!.attributes['ui.signal.name']).toBe(first!.attributes['ui.signal.name']);
  });

  it('never records values unless recordValues is true', () => {
    const secret = signal('', { name: 'password' });
    secret.value = 'hunter2';
    expect(JSON.stringify(spans.getFinishedSpans()[0]!.attributes)).not.toContain('hunter2');
    inst.disable();
    const withValues = new PreactSignalsInstrumentation({ signals, recordValues: true });
    withValues.setTracerProvider(tracerProvider);
    spans.reset();
    signal('', { name: 'note' }).value = 'x'.repeat(500);
    withValues.disable();
    const v = spans.getFinishedSpans()[0]!.attributes['ui.signal.value'] as string;
    expect(v).toHaveLength(120);
    expect(v).toMatch(/^x+…$/);
  });

  it('inst.batch() gives one signal.batch parent; writes inside are its children and deferred effects count on it', () => {
    const a = signal(0, { name: 'a' });
    const b = signal(0, { name: 'b' });
    effect(() => void (a.value + b.value), { name: 'sum' });
    spans.reset();
    inst.batch(() => {
      a.value = 1;
      b.value = 2;
    });
    const all = spans.getFinishedSpans();
    const parent = all.find((s) => s.name === 'signal.batch')!;
    expect(parent.attributes).toMatchObject({ 'ui.operation': 'signal.batch', 'ui.signal.effects_run': 1 });
    const writes = all.filter((s) => s.name.startsWith('signal.update'));
    expect(writes.map((s) => s.name)).toEqual(['signal.update a', 'signal.update b']);
    for (const w of writes) {
      expect(w.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(w.attributes['ui.signal.effects_run']).toBe(0); // propagation is deferred to the batch end
    }
    // the library's own batch still works, untraced as a batch
    spans.reset();
    batch(() => void (a.value = 5));
    expect(names()).toEqual(['signal.update a']);
  });

  it('a write inside a traced operation is its child, and a write in an effect is a child of the write that ran it', () => {
    const source = signal(0, { name: 'source' });
    const mirror = signal(0, { name: 'mirror' });
    effect(() => void (mirror.value = source.value), { name: 'copy' });
    spans.reset();
    const tracer = tracerProvider.getTracer('t');
    tracer.startActiveSpan('click', (click) => {
      source.value = 1;
      click.end();
    });
    const byName = Object.fromEntries(spans.getFinishedSpans().map((s) => [s.name, s]));
    expect(byName['signal.update source']!.parentSpanContext?.spanId).toBe(byName.click!.spanContext().spanId);
    expect(byName['signal.update mirror']!.parentSpanContext?.spanId).toBe(
      byName['signal.update source']!.spanContext().spanId,
    );
  });

  it('records ui.signal.update.duration (s) and ui.signal.updates by signal name', async () => {
    const s = signal(0, { name: 'metered' });
    s.value = 1;
    s.value = 2;
    await reader.forceFlush();
    const counter = dataPointsOf(metricExporter.getMetrics(), 'ui.signal.updates').find(
      (p) => p.attributes['ui.signal.name'] === 'metered',
    );
    expect(counter?.value).toBe(2);
    const hist = dataPointsOf(metricExporter.getMetrics(), 'ui.signal.update.duration').find(
      (p) => p.attributes['ui.signal.name'] === 'metered',
    );
    expect((hist!.value as { count: number }).count).toBe(2);
    const descriptor = metricExporter
      .getMetrics()
      .at(-1)!
      .scopeMetrics.flatMap((m) => m.metrics)
      .find((m) => m.descriptor.name === 'ui.signal.update.duration')!.descriptor;
    expect(descriptor.unit).toBe('s');
  });

  it('reports a dependency cycle as ui.signal.cycle (span event + log record) once, without hanging, and rethrows the library error', () => {
    const n = signal(0, { name: 'counter' });
    spans.reset();
    logs.reset();
    const started = Date.now();
    // An effect that writes the signal it reads re-runs itself until the library gives up.
    expect(() => effect(() => void (n.value = n.value + 1), { name: 'incrementer' })).toThrow('Cycle detected');
    expect(Date.now() - started).toBeLessThan(5_000);
    const cycleEvents = spans.getFinishedSpans().flatMap((s) => s.events.filter((e) => e.name === 'ui.signal.cycle'));
    expect(cycleEvents).toHaveLength(1);
    expect(cycleEvents[0]!.attributes?.['ui.signal.cycle.path']).toEqual(['incrementer', 'counter']);
    const records = logs.getFinishedLogRecords().filter((r) => r.eventName === 'ui.signal.cycle');
    expect(records).toHaveLength(1);
    expect(records[0]!.spanContext?.traceId).toBeDefined();
  });

  it('emits ui.signal.excessive_updates once per frame when a signal is written more than maxUpdatesPerFrame times', () => {
    const hot = signal(0, { name: 'scroll.y' });
    for (let i = 1; i <= 12; i++) hot.value = i;
    const events = spans
      .getFinishedSpans()
      .flatMap((s) => s.events.filter((e) => e.name === 'ui.signal.excessive_updates'));
    expect(events).toHaveLength(1);
    expect(events[0]!.attributes).toEqual({ 'ui.signal.name': 'scroll.y', 'ui.signal.updates_in_frame': 6 });
    expect(logs.getFinishedLogRecords().filter((r) => r.eventName === 'ui.signal.excessive_updates')).toHaveLength(1);
    signal(0, { name: 'rare' }).value = 1;
    expect(inst.topSignals(2)).toEqual([
      { name: 'scroll.y', updates: 12 },
      { name: 'rare', updates: 1 },
    ]);
  });

  it('signalGraph() returns signal → computed → effect edges, and toDot escapes names', () => {
    const price = signal(10, { name: 'price "EUR"' });
    const qty = signal(2, { name: 'qty' });
    const total = computed(() => price.value * qty.value, { name: 'total' });
    effect(() => void total.value, { name: 'render\nTotal' });
    price.value = 11;
    const g = inst.signalGraph();
    const id = (name: string) => g.nodes.find((n) => n.name === name)!.id;
    expect(g.nodes.find((n) => n.name === 'total')!.kind).toBe('computed');
    expect(g.nodes.find((n) => n.name === 'render\nTotal')!.kind).toBe('effect');
    expect(g.edges).toEqual(
      expect.arrayContaining([
        { from: id('price "EUR"'), to: id('total') },
        { from: id('qty'), to: id('total') },
        { from: id('total'), to: id('render\nTotal') },
      ]),
    );
    const dot = inst.toDot();
    expect(dot).toContain('label="price \\"EUR\\""');
    expect(dot).toContain('label="render\\nTotal", shape=diamond');
    expect(toDot({ nodes: [], edges: [] })).toBe('digraph signals {\n  rankdir=LR;\n}');
  });

  it('disable() unhooks: no wrapper on any signal, Effect/Computed internals restored, writes untraced', () => {
    inst.enable();
    inst.enable(); // idempotent
    const s = signal(0, { name: 'made.while.enabled' });
    // Nothing on the instance: the tracing setter is inherited from Signal.prototype.
    expect(Object.getOwnPropertyDescriptor(s, 'value')).toBeUndefined();
    expect(Object.getPrototypeOf(s)).toBe(signals.Signal.prototype);
    expect((signals.Effect.prototype as unknown as { c: unknown }).c).not.toBe(original.callback);
    inst.disable();
    inst.disable();
    expect(Object.getOwnPropertyDescriptor(s, 'value')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(proto, 'value')).toEqual(original.value);
    expect(Object.getOwnPropertyDescriptor(proto, 'name')).toEqual(original.name);
    expect((signals.Effect.prototype as unknown as { c: unknown }).c).toBe(original.callback);
    s.value = 1;
    signal(0).value = 1;
    expect(s.value).toBe(1);
    expect(s.name).toBe('made.while.enabled');
    expect(names()).toEqual([]);
  });

  it('signals created while disabled keep working, and are traced once enabled again', () => {
    inst.disable();
    const early = signal(1, { name: 'early' });
    early.value = 2;
    expect(names()).toEqual([]);
    inst.enable();
    early.value = 3;
    expect(early.value).toBe(3);
    expect(names()).toEqual(['signal.update early']);
  });

  it('through register(): the core budgets apply to signal writes', async () => {
    inst.disable();
    const exporter = new InMemorySpanExporter();
    const registered = new PreactSignalsInstrumentation({ signals });
    const ft = register({
      serviceName: 'signals',
      endpoint: false,
      budgets: { 'signal.update': 0.0001, 'signal.update:cheap': 10_000 },
      exporters: { traces: [exporter] },
      instrumentations: [registered],
    });
    const slow = signal(0, { name: 'slow' });
    effect(() => {
      const end = performance.now() + 1;
      if (slow.value > 0) while (performance.now() < end);
    });
    slow.value = 1;
    signal(0, { name: 'cheap' }).value = 1;
    await ft.forceFlush();
    const byName = Object.fromEntries(exporter.getFinishedSpans().map((s) => [s.name, s]));
    expect(byName['signal.update slow']!.attributes).toMatchObject({
      'ui.budget.exceeded': true,
      'ui.budget.ms': 0.0001,
    });
    expect(byName['signal.update cheap']!.attributes).toMatchObject({ 'ui.budget.exceeded': false });
    expect(ft.stats.get('signal.update')?.count).toBe(2);
    await ft.shutdown();
    expect(Object.getOwnPropertyDescriptor(proto, 'name')).toEqual(original.name);
  });

  it('rejects a missing library with a clear error', () => {
    expect(() => new PreactSignalsInstrumentation({} as never)).toThrow(
      /signals: expected the @preact\/signals-core module/,
    );
  });
});

void trace;
