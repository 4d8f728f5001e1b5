import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Signal } from 'signal-polyfill';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { register } from '../../../src/index.js';
import { SignalPolyfillInstrumentation } from '../../../src/instrumentations/signals/index.js';

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const originalSet = Signal.State.prototype.set;
const OriginalWatcher = Signal.subtle.Watcher;
let inst: SignalPolyfillInstrumentation;

beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
beforeEach(() => {
  inst = new SignalPolyfillInstrumentation({ Signal: Signal as never });
  inst.setTracerProvider(tracerProvider);
  spans.reset();
});
afterEach(() => inst.disable());

/** The proposal's effect pattern: a watcher that re-reads on notification (synchronously here). */
function effect(fn: () => void) {
  const c = new Signal.Computed(fn);
  const w = new Signal.subtle.Watcher(
    () =>
      void queueMicrotask(() => {
        c.get();
        w.watch();
      }),
  );
  w.watch(c);
  c.get();
  return { c, w };
}

describe('SignalPolyfillInstrumentation (real signal-polyfill 0.2)', () => {
  it('a changing write is a span with the given name and the watchers it notified; same value, no span', () => {
    const count = inst.nameSignal(new Signal.State(0), 'cart.count');
    const doubled = new Signal.Computed(() => count.get() * 2);
    effect(() => void doubled.get());
    effect(() => void count.get());
    count.set(0);
    expect(spans.getFinishedSpans()).toEqual([]);
    count.set(4);
    const [span] = spans.getFinishedSpans();
    expect(span!.name).toBe('signal.update cart.count');
    expect(span!.attributes).toEqual({
      'ui.operation': 'signal.update',
      'ui.signal.name': 'cart.count',
      'ui.signal.effects_run': 2,
    });
    expect(doubled.get()).toBe(8);
  });

  it('unnamed signals get a stable generated name', () => {
    const s = new Signal.State('a');
    s.set('b');
    s.set('c');
    const [a, b] = spans.getFinishedSpans();
    expect(a!.attributes['ui.signal.name']).toMatch(/^signal#\d+$/);
    expect(b!.attributes['ui.signal.name']).toBe(a!.attributes['ui.signal.name']);
  });

  it('signalGraph() follows Signal.subtle introspection: state → computed → watcher', () => {
    const price = inst.nameSignal(new Signal.State(2), 'price');
    const total = inst.nameSignal(new Signal.Computed(() => price.get() * 3), 'total');
    const { w } = effect(() => void total.get());
    price.set(3);
    const g = inst.signalGraph();
    const kinds = Object.fromEntries(g.nodes.map((n) => [n.name, n.kind]));
    expect(kinds.price).toBe('signal');
    expect(kinds.total).toBe('computed');
    const id = (name: string) => g.nodes.find((n) => n.name === name)!.id;
    expect(g.edges).toContainEqual({ from: id('price'), to: id('total') });
    expect(g.nodes.some((n) => n.kind === 'effect')).toBe(true);
    expect(inst.toDot()).toContain('shape=box');
    void w;
  });

  it('disable() restores State#set and Signal.subtle.Watcher exactly; enable() is idempotent', () => {
    inst.enable();
    inst.enable();
    inst.disable();
    inst.disable();
    expect(Signal.State.prototype.set).toBe(originalSet);
    expect(Signal.subtle.Watcher).toBe(OriginalWatcher);
    new Signal.State(0).set(1);
    expect(spans.getFinishedSpans()).toEqual([]);
  });

  it('through register(): budgets apply', async () => {
    inst.disable();
    const exporter = new InMemorySpanExporter();
    const ft = register({
      serviceName: 'polyfill',
      endpoint: false,
      budgets: { 'signal.update': 0.00001 },
      exporters: { traces: [exporter] },
      instrumentations: [new SignalPolyfillInstrumentation({ Signal: Signal as never })],
    });
    new Signal.State(0).set(1);
    await ft.forceFlush();
    expect(exporter.getFinishedSpans()[0]!.attributes['ui.budget.exceeded']).toBe(true);
    await ft.shutdown();
    expect(Signal.State.prototype.set).toBe(originalSet);
  });
});
