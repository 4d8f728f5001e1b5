// @vitest-environment happy-dom
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ReactRenderInstrumentation } from '../../../src/instrumentations/react/index.js';
import { dataPointsOf } from '../../support/sdk.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// A stand-in for the React DevTools extension's hook, installed before anything else, as the
// extension does: frametel must chain into it, not replace it.
const extensionCommits = vi.fn();
const extensionHook = {
  renderers: new Map(),
  supportsFiber: true,
  inject(renderer: unknown) {
    this.renderers.set(1, renderer);
    return 1;
  },
  onCommitFiberRoot: extensionCommits,
  onCommitFiberUnmount: () => {},
  onPostCommitFiberRoot: () => {},
  checkDCE: () => {},
};
(globalThis as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = extensionHook;

const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
const inst = new ReactRenderInstrumentation({ auto: true, slowThresholdMs: 25 });
inst.setTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
inst.setMeterProvider(new MeterProvider({ readers: [reader] }));

// React loads after the instrumentation is enabled, as an app's bootstrap must arrange.
let React: typeof import('react');
let client: typeof import('react-dom/client');
beforeAll(async () => {
  React = await import('react');
  client = await import('react-dom/client');
});

describe('ReactRenderInstrumentation auto mode (DevTools hook, real react-dom 19)', () => {
  it('counts renders, re-renders, mounts and unmounts per component, records changed prop keys, never values, and chains into the existing hook', async () => {
    const { act, useState, memo, createElement: h } = React;
    function Price({ amount, currency }: { amount: number; currency: string }) {
      const end = performance.now() + 40;
      while (performance.now() < end);
      return h('span', null, `${amount} ${currency}`);
    }
    const Static = memo(function Static() {
      return h('i', null, 'static');
    });
    let setAmount: (n: number) => void = () => {};
    function Cart() {
      const [amount, set] = useState(10);
      setAmount = set;
      return h('div', null, h(Price, { amount, currency: 'EUR' }), h(Static));
    }
    const host = document.createElement('div');
    const root = client.createRoot(host);
    act(() => root.render(h(Cart)));
    act(() => setAmount(99));
    expect(host.textContent).toBe('99 EURstatic');
    act(() => root.unmount());
    await reader.forceFlush();
    const renders = dataPointsOf(metricExporter.getMetrics(), 'ui.component.renders').map((p) => [
      p.attributes['ui.component.name'],
      p.attributes['ui.render.phase'],
      p.value,
    ]);
    expect(renders).toEqual(
      expect.arrayContaining([
        ['Cart', 'mount', 1],
        ['Cart', 'update', 1],
        ['Price', 'mount', 1],
        ['Price', 'update', 1],
        ['Static', 'mount', 1],
      ]),
    );
    expect(renders.find((r) => r[0] === 'Static' && r[1] === 'update')).toBeUndefined(); // memo hit: no re-render
    const unmounts = dataPointsOf(metricExporter.getMetrics(), 'ui.component.unmounts').map(
      (p) => p.attributes['ui.component.name'],
    );
    expect(unmounts).toEqual(expect.arrayContaining(['Cart', 'Price']));
    expect(inst.topRerenders(1)[0]).toMatchObject({ rerenders: 1 });
    // spans only for slow renders (Price burns 40 ms > 25 ms; 25 ms keeps a trivial render under it on a loaded machine), with the changed prop keys
    const priceSpans = spans.getFinishedSpans().filter((s) => s.name === 'render Price');
    expect(priceSpans.length).toBeGreaterThanOrEqual(1);
    const update = priceSpans.find((s) => s.attributes['ui.render.phase'] === 'update')!;
    expect(update.attributes['ui.render.changed_props']).toEqual(['amount']);
    expect(JSON.stringify(update.attributes)).not.toContain('99');
    expect(spans.getFinishedSpans().find((s) => s.name === 'render Static')).toBeUndefined();
    expect(extensionCommits).toHaveBeenCalled();
  });

  it('inside a RenderBoundary, components are counted but not timed twice: the boundary span is the only component.render', async () => {
    const { act, createElement: h } = React;
    const { RenderBoundary, flushRenderCommits } = await import('../../../src/instrumentations/react/index.js');
    function Slow() {
      const end = performance.now() + 40;
      while (performance.now() < end);
      return h('b', null, 'slow');
    }
    spans.reset();
    const host = document.createElement('div');
    const root = client.createRoot(host);
    act(() => root.render(h('section', null, h(RenderBoundary, { name: 'Panel' }, h(Slow)))));
    act(() => root.unmount());
    flushRenderCommits(); // boundary spans are made in an idle task after the commit
    expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(['render Panel']);
    await reader.forceFlush();
    const names = dataPointsOf(metricExporter.getMetrics(), 'ui.component.renders').map(
      (p) => p.attributes['ui.component.name'],
    );
    expect(names).toContain('Slow');
    expect(names).not.toContain('RenderBoundary');
  });

  it('disable() gives the hook its own functions back', () => {
    inst.disable();
    expect(extensionHook.onCommitFiberRoot).toBe(extensionCommits);
    inst.enable();
    expect(extensionHook.onCommitFiberRoot).not.toBe(extensionCommits);
    inst.disable();
  });
});
