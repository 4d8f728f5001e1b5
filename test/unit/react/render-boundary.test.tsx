// @vitest-environment happy-dom
import { context, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { act, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearCause, noteCause } from '../../../src/context/causal.js';
import { register } from '../../../src/index.js';
import {
  flushRenderCommits,
  ReactRenderInstrumentation,
  RenderBoundary,
  withRenderTracing,
} from '../../../src/instrumentations/react/index.js';
import { MAX_PENDING_COMMITS } from '../../../src/instrumentations/react/commit-queue.js';
import { dataPointsOf } from '../../support/sdk.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const meterProvider = new MeterProvider({ readers: [reader] });
let inst: ReactRenderInstrumentation;
let root: Root;
let host: HTMLElement;

beforeEach(() => {
  inst = new ReactRenderInstrumentation();
  inst.setTracerProvider(tracerProvider);
  inst.setMeterProvider(meterProvider);
  spans.reset();
  clearCause();
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  inst.disable();
});

/** Spans of the commits so far: boundary spans are made in an idle task, so drain it first. */
function finished() {
  flushRenderCommits();
  return spans.getFinishedSpans();
}

let setCount: (n: number) => void = () => {};
function Cart({ cost = 2 }: { cost?: number }): ReactNode {
  const [count, set] = useState(0);
  setCount = set;
  busy(cost);
  return <span>items: {count}</span>;
}

describe('RenderBoundary (real react-dom 19 in happy-dom)', () => {
  it('each commit is a span render {name} with phase, base duration, and React’s real render window', () => {
    const before = performance.timeOrigin + performance.now();
    act(() =>
      root.render(
        <RenderBoundary name="Cart">
          <Cart />
        </RenderBoundary>,
      ),
    );
    act(() => setCount(1));
    const after = performance.timeOrigin + performance.now();
    expect(host.textContent).toBe('items: 1');
    const [mount, update] = finished();
    expect(mount!.name).toBe('render Cart');
    expect(mount!.attributes).toMatchObject({
      'ui.operation': 'component.render',
      'ui.component.name': 'Cart',
      'ui.render.phase': 'mount',
    });
    expect(update!.attributes['ui.render.phase']).toBe('update');
    expect(mount!.attributes['ui.render.base_duration_ms']).toBeGreaterThanOrEqual(2);
    for (const s of [mount!, update!]) {
      const start = s.startTime[0] * 1e3 + s.startTime[1] / 1e6;
      const ms = s.duration[0] * 1e3 + s.duration[1] / 1e6;
      expect(ms).toBeGreaterThanOrEqual(2); // the busy render, not the callback's instant
      expect(start).toBeGreaterThanOrEqual(before - 1);
      expect(start + ms).toBeLessThanOrEqual(after + 1);
    }
  });

  it('withRenderTracing wraps a component under its name (or the one given)', () => {
    const Traced = withRenderTracing(Cart);
    const Named = withRenderTracing(Cart, 'MiniCart');
    act(() =>
      root.render(
        <>
          <Traced />
          <Named cost={0} />
        </>,
      ),
    );
    expect(
      finished()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['render Cart', 'render MiniCart']);
    expect(Traced.displayName).toBe('withRenderTracing(Cart)');
  });

  it('a render caused by a noted span (signal write, table state change) is its child', () => {
    act(() =>
      root.render(
        <RenderBoundary name="Cart">
          <Cart cost={0} />
        </RenderBoundary>,
      ),
    );
    flushRenderCommits();
    spans.reset();
    const tracer = tracerProvider.getTracer('cause');
    const cause = tracer.startSpan('signal.update cart.count');
    noteCause(trace.setSpan(context.active(), cause));
    cause.end();
    act(() => setCount(2));
    const render = finished().find((s) => s.name === 'render Cart')!;
    expect(render.parentSpanContext?.spanId).toBe(cause.spanContext().spanId);
  });

  it('records ui.component.render.duration (s) by component and phase, and per-component stats', async () => {
    act(() =>
      root.render(
        <RenderBoundary name="Slow">
          <Cart cost={3} />
        </RenderBoundary>,
      ),
    );
    act(() => setCount(1));
    act(() => setCount(2));
    flushRenderCommits();
    await reader.forceFlush();
    const points = dataPointsOf(metricExporter.getMetrics(), 'ui.component.render.duration').filter(
      (p) => p.attributes['ui.component.name'] === 'Slow',
    );
    expect(points.map((p) => [p.attributes['ui.render.phase'], (p.value as { count: number }).count]).sort()).toEqual([
      ['mount', 1],
      ['update', 2],
    ]);
    const [slowest] = inst.slowestComponents(1);
    expect(slowest).toMatchObject({ name: 'Slow', renders: 3, mounts: 1, rerenders: 2 });
    expect(slowest!.avgMs).toBeGreaterThanOrEqual(3);
    expect(inst.topRerenders(5)[0]!.name).toBe('Slow');
  });

  it('the span is exactly the window React reported: timeOrigin + startTime, for actualDuration', () => {
    inst.record('Exact', 'update', 1.5, 0.75, 1234.5);
    const [span] = finished();
    const startMs = span!.startTime[0] * 1e3 + span!.startTime[1] / 1e6;
    expect(startMs).toBeCloseTo(performance.timeOrigin + 1234.5, 3);
    expect(span!.duration[0] * 1e3 + span!.duration[1] / 1e6).toBeCloseTo(1.5, 5);
    expect(span!.attributes['ui.render.base_duration_ms']).toBe(0.75);
  });

  it('components past maxComponents still get their own histogram series per phase, only the stats drop them', async () => {
    inst.disable();
    inst = new ReactRenderInstrumentation({ maxComponents: 1 });
    inst.setTracerProvider(tracerProvider);
    inst.setMeterProvider(meterProvider);
    const at = performance.now();
    inst.record('Kept', 'mount', 2, 1, at);
    inst.record('Extra', 'mount', 2, 1, at);
    inst.record('Extra', 'update', 2, 1, at);
    inst.record('Extra', 'update', 2, 1, at);
    inst.record('Kept', 'update', 2, 1, at);
    await reader.forceFlush();
    const counts = dataPointsOf(metricExporter.getMetrics(), 'ui.component.render.duration')
      .filter((p) => ['Kept', 'Extra'].includes(p.attributes['ui.component.name'] as string))
      .map((p) => [
        p.attributes['ui.component.name'],
        p.attributes['ui.render.phase'],
        (p.value as { count: number }).count,
      ]);
    expect(counts.sort()).toEqual([
      ['Extra', 'mount', 1],
      ['Extra', 'update', 2],
      ['Kept', 'mount', 1],
      ['Kept', 'update', 1],
    ]);
    expect(inst.diagnostics()).toEqual({ componentRendersDropped: 3 });
  });

  it('minSpanDurationMs keeps fast commits out of traces but in the stats', () => {
    inst.disable();
    inst = new ReactRenderInstrumentation({ minSpanDurationMs: 50 });
    inst.setTracerProvider(tracerProvider);
    act(() =>
      root.render(
        <RenderBoundary name="Fast">
          <Cart cost={0} />
        </RenderBoundary>,
      ),
    );
    expect(finished()).toEqual([]);
    expect(inst.topRerenders(1)[0]).toMatchObject({ name: 'Fast', renders: 1 });
  });

  it('through register(): budgets fire for renders; the instrumentation reads its stats (the deprecated ft alias too)', async () => {
    inst.disable();
    const exporter = new InMemorySpanExporter();
    const react = new ReactRenderInstrumentation();
    const ft = register({
      serviceName: 'react',
      endpoint: false,
      budgets: { 'component.render:Heavy': 0.0001, 'component.render': 100_000 },
      exporters: { traces: [exporter] },
      instrumentations: [react],
    });
    act(() =>
      root.render(
        <>
          <RenderBoundary name="Heavy">
            <Cart cost={1} />
          </RenderBoundary>
          <RenderBoundary name="Light">
            <span />
          </RenderBoundary>
        </>,
      ),
    );
    await ft.forceFlush();
    const byName = Object.fromEntries(exporter.getFinishedSpans().map((s) => [s.name, s]));
    expect(byName['render Heavy']!.attributes).toMatchObject({ 'ui.budget.exceeded': true });
    expect(byName['render Light']!.attributes).toMatchObject({ 'ui.budget.exceeded': false });
    expect(react.slowestComponents(1)[0]!.name).toBe('Heavy');
    expect(
      react
        .topRerenders(5)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Heavy', 'Light']);
    // Deprecated aliases kept for the README's promise: same answers, found by shape.
    expect(ft.slowestComponents(1)).toEqual(react.slowestComponents(1));
    expect(ft.topRerenders(5)).toEqual(react.topRerenders(5));
    await ft.shutdown();
  });

  it('the commit only queues: spans are made by the idle task, parented on the cause noted at commit time', async () => {
    act(() =>
      root.render(
        <RenderBoundary name="Cart">
          <Cart cost={0} />
        </RenderBoundary>,
      ),
    );
    flushRenderCommits();
    spans.reset();
    const cause = tracerProvider.getTracer('cause').startSpan('signal.update cart.count');
    noteCause(trace.setSpan(context.active(), cause));
    cause.end();
    act(() => setCount(3));
    clearCause(); // the cause is gone by the time the idle task runs: the parent was fixed at commit
    const renders = () => spans.getFinishedSpans().filter((s) => s.name.startsWith('render '));
    expect(renders()).toEqual([]);
    await new Promise((r) => setTimeout(r, 20)); // no requestIdleCallback in happy-dom: a timer
    const [render] = renders();
    expect(render!.name).toBe('render Cart');
    expect(render!.attributes['ui.render.phase']).toBe('update');
    expect(render!.parentSpanContext?.spanId).toBe(cause.spanContext().spanId);
  });

  it(`a burst of ${MAX_PENDING_COMMITS} commits is drained on the commit that fills the queue, none lost`, () => {
    act(() =>
      root.render(
        <RenderBoundary name="Cart">
          <Cart cost={0} />
        </RenderBoundary>,
      ),
    );
    flushRenderCommits();
    spans.reset();
    for (let i = 1; i < MAX_PENDING_COMMITS; i++) act(() => setCount(i));
    expect(spans.getFinishedSpans()).toHaveLength(0);
    act(() => setCount(MAX_PENDING_COMMITS));
    expect(spans.getFinishedSpans()).toHaveLength(MAX_PENDING_COMMITS);
  });

  it('without a registered instrumentation, boundaries trace through the global provider and never throw', () => {
    inst.disable();
    act(() =>
      root.render(
        <RenderBoundary name="Global">
          <Cart cost={0} />
        </RenderBoundary>,
      ),
    );
    expect(host.textContent).toBe('items: 0');
  });
});
