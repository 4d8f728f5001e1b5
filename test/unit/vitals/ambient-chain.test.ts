// @vitest-environment happy-dom
import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import * as signals from '@preact/signals-core';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { StackContextManager } from '@opentelemetry/sdk-trace-web';
import {
  constructTable,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/table-core';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AmbientContextManager, clearAmbientSpan, setAmbientSpan } from '../../../src/context/ambient.js';
import { causeContext, clearCause, noteCause } from '../../../src/context/causal.js';
import { register, type Frametel } from '../../../src/index.js';
import { PreactSignalsInstrumentation } from '../../../src/instrumentations/signals/index.js';
import { TableInstrumentation, tableTelemetryFeature } from '../../../src/instrumentations/table/index.js';
import { InteractionInstrumentation } from '../../../src/instrumentations/vitals/interactions/index.js';
import { eventEntry, FakePerformanceObserver, nextTask, userEvent } from './fake-performance.js';

describe('AmbientContextManager', () => {
  afterEach(() => clearAmbientSpan());

  it('is the inner manager while nothing is ambient (same context objects)', () => {
    const inner = new StackContextManager().enable();
    const manager = new AmbientContextManager(inner);
    expect(manager.active()).toBe(inner.active());
    const ctx = ROOT_CONTEXT.setValue(Symbol('k'), 1);
    manager.with(ctx, () => expect(manager.active()).toBe(ctx));
    const bound = manager.bind(ctx, () => manager.active());
    expect(bound()).toBe(ctx);
  });

  it('falls back to the ambient span only when the stack has no span; keeps other values (baggage)', () => {
    const inner = new StackContextManager().enable();
    const manager = new AmbientContextManager(inner);
    const tracer = trace.getTracer('t');
    const ambient = trace.wrapSpanContext({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 });
    setAmbientSpan(ambient, 10);
    expect(trace.getSpan(manager.active())).toBe(ambient);
    const baggage = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ k: { value: 'v' } }));
    manager.with(baggage, () => {
      expect(trace.getSpan(manager.active())).toBe(ambient);
      expect(propagation.getBaggage(manager.active())?.getEntry('k')?.value).toBe('v');
    });
    const own = tracer.startSpan('own');
    manager.with(trace.setSpan(ROOT_CONTEXT, own), () => expect(trace.getSpan(manager.active())).toBe(own));
    clearAmbientSpan();
    expect(trace.getSpan(manager.active())).toBeUndefined();
  });

  it('disable() clears the ambient span and disables the inner manager', () => {
    const inner = new StackContextManager().enable();
    const spy = vi.spyOn(inner, 'disable');
    const manager = new AmbientContextManager(inner);
    setAmbientSpan(trace.wrapSpanContext({ traceId: 'a'.repeat(32), spanId: 'c'.repeat(16), traceFlags: 1 }), 0);
    manager.disable();
    expect(spy).toHaveBeenCalledOnce();
    expect(trace.getSpan(manager.active())).toBeUndefined();
  });
});

describe('causeContext with an ambient interaction', () => {
  let ft: Frametel;
  beforeEach(() => {
    clearCause();
    ft = register({ serviceName: 'c', endpoint: false, exporters: { traces: [new InMemorySpanExporter()] } });
  });
  afterEach(async () => {
    clearAmbientSpan();
    await ft.shutdown();
  });

  it('prefers a cause noted after the interaction began, else the interaction itself', () => {
    const tracer = trace.getTracer('t');
    const interaction = tracer.startSpan('interaction click');
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const before = tracer.startSpan('older write');
    noteCause(trace.setSpan(ROOT_CONTEXT, before));
    busy(2);
    setAmbientSpan(interaction, performance.now());
    busy(1);
    // The only noted cause is older than the interaction: the render belongs to the interaction.
    expect(trace.getSpan(causeContext()!)).toBe(interaction);
    const write = tracer.startSpan('signal.update');
    noteCause(trace.setSpan(ROOT_CONTEXT, write));
    expect(trace.getSpanContext(causeContext()!)?.spanId).toBe(write.spanContext().spanId);
    // A span of its own on the stack still wins over both.
    const own = tracer.startSpan('own');
    context.with(trace.setSpan(context.active(), own), () => expect(trace.getSpan(causeContext()!)).toBe(own));
  });
});

describe('the whole chain in one trace: interaction click → signal.update → table.state_change → table.sort, render', () => {
  let ft: Frametel;
  afterEach(async () => {
    await ft.shutdown();
    vi.unstubAllGlobals();
  });

  it('parents each step on its cause, with no change to the signal or table instrumentation', async () => {
    FakePerformanceObserver.reset();
    vi.stubGlobal('PerformanceObserver', FakePerformanceObserver);
    clearCause();
    const spans = new InMemorySpanExporter();
    ft = register({
      serviceName: 'chain',
      endpoint: false,
      exporters: { traces: [spans] },
      instrumentations: [
        new InteractionInstrumentation(),
        new PreactSignalsInstrumentation({ signals }),
        new TableInstrumentation(),
      ],
    });
    const features = tableFeatures({
      coreReactivityFeature: storeReactivityBindings(),
      rowSortingFeature,
      sortedRowModel: createSortedRowModel(),
      sortFns: { basic: sortFn_basic },
      tableTelemetry: tableTelemetryFeature({ name: 'orders' }),
    } as never);
    const data = Array.from({ length: 2000 }, (_, i) => ({ total: (i * 7919) % 1009 }));
    const table = constructTable({
      features,
      columns: [{ accessorKey: 'total', sortFn: 'basic' }],
      data,
    } as never) as unknown as { getRowModel(): unknown; setSorting(s: unknown): void };
    table.getRowModel();
    const sort = signals.signal<string | null>(null, { name: 'grid.sort' });
    signals.effect(() => {
      const by = sort.value;
      table.setSorting(by ? [{ id: by, desc: false }] : []);
    });
    // A "render" as React does it for a discrete event: after the handler, in a microtask.
    const renderParents: Array<string | undefined> = [];
    document.body.innerHTML = '<button data-testid="sort-total">Total</button>';
    const button = document.querySelector('button')!;
    button.addEventListener('click', () => {
      sort.value = 'total';
      queueMicrotask(() => {
        const parent = causeContext();
        renderParents.push(parent && trace.getSpanContext(parent)?.spanId);
        const render = trace.getTracer('react').startSpan('render OrdersGrid', {}, parent);
        context.with(trace.setSpan(ROOT_CONTEXT, render), () => table.getRowModel());
        render.end();
      });
    });
    const t0 = performance.now();
    userEvent(button, 'click', t0);
    await nextTask();
    FakePerformanceObserver.deliver(eventEntry('click', t0, 80, { processing: 60, target: button }));
    await nextTask(80);
    await ft.forceFlush();
    const click = spans.getFinishedSpans().find((s) => s.name === 'interaction click')!;
    // The effect's first run (before the click) made spans of its own, in their own trace.
    const all = spans.getFinishedSpans().filter((s) => s.spanContext().traceId === click.spanContext().traceId);
    const one = (name: string) => {
      const found = all.filter((s) => s.name === name);
      expect(found, `${name} in ${all.map((s) => s.name).join(', ')}`).toHaveLength(1);
      return found[0]!;
    };
    const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
    expect(one('interaction click')).toBe(click);
    const write = one('signal.update grid.sort');
    const change = one('table.state_change');
    const sorted = one('table.sort');
    const render = one('render OrdersGrid');
    expect(parentOf(click)).toBeUndefined();
    expect(parentOf(write)).toBe(click.spanContext().spanId);
    expect(parentOf(change)).toBe(write.spanContext().spanId);
    expect(parentOf(sorted)).toBe(change.spanContext().spanId);
    expect(parentOf(render)).toBe(change.spanContext().spanId);
    expect(renderParents).toEqual([change.spanContext().spanId]);
    expect(click.attributes['ui.interaction.target']).toBe('button[data-testid="sort-total"]');
  });
});
