import { metrics, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { register, type BudgetViolation, type Frametel } from '../../../src/index.js';
import { attributesOf, OtlpReceiver, type OtlpKeyValue } from '../../support/otlp-receiver.js';

const CHUNK = '../../../src/sdk/pipeline-chunk.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A page that is still loading (no `load` event unless the test fires it), with window and
 * document listeners the test can dispatch (pagehide, visibilitychange).
 */
function loadingPage() {
  const g = globalThis as Record<string, unknown>;
  const listeners = new Map<string, Array<() => void>>();
  const add = (type: string, fn: () => void) => listeners.set(type, [...(listeners.get(type) ?? []), fn]);
  const remove = (type: string, fn: () => void) =>
    listeners.set(
      type,
      (listeners.get(type) ?? []).filter((f) => f !== fn),
    );
  g.document = {
    readyState: 'loading',
    visibilityState: 'visible',
    addEventListener: add,
    removeEventListener: remove,
  };
  g.addEventListener = add;
  g.removeEventListener = remove;
  return {
    hide() {
      (g.document as { visibilityState: string }).visibilityState = 'hidden';
      for (const fn of listeners.get('visibilitychange') ?? []) fn();
    },
    dispatch(type: string) {
      for (const fn of listeners.get(type) ?? []) fn();
    },
    restore() {
      delete g.document;
      delete g.addEventListener;
      delete g.removeEventListener;
    },
  };
}

/** The pipeline chunk, imported for real but only once the test opens the gate (or failing first). */
function gatedChunk(options: { failFirst?: boolean; failAlways?: boolean } = {}) {
  let open!: () => void;
  const gate = new Promise<void>((r) => {
    open = r;
  });
  const state = { imports: 0, arrivedAt: 0 };
  vi.doMock(CHUNK, async (importOriginal) => {
    state.imports++;
    await gate;
    if ((options.failFirst && state.imports === 1) || options.failAlways)
      throw new TypeError('Failed to fetch dynamically imported module: /assets/pipeline-chunk.js');
    state.arrivedAt = Date.now();
    return importOriginal();
  });
  return { state, open };
}

const nanos = (v: unknown) => BigInt(String(v));
type Point = {
  attributes?: OtlpKeyValue[];
  asInt?: string | number;
  asDouble?: number;
  count?: string | number;
  sum?: number;
};
const pointsOf = (receiver: OtlpReceiver, name: string) => {
  const m = receiver.metrics().filter((x) => x.name === name);
  return m.flatMap(
    (x) => ((x.metric.sum ?? x.metric.histogram ?? x.metric.gauge) as { dataPoints: Point[] }).dataPoints,
  );
};
const total = (points: Point[]) => points.reduce((s, p) => s + Number(p.asInt ?? p.asDouble ?? 0), 0);

describe('metrics and logs SDKs in the lazy pipeline chunk: stand-ins hold, then replay exactly', () => {
  let receiver: OtlpReceiver;
  let url: string;
  let ft: Frametel | undefined;
  let page: ReturnType<typeof loadingPage>;

  beforeEach(async () => {
    receiver = new OtlpReceiver();
    url = await receiver.start();
    page = loadingPage();
  });
  afterEach(async () => {
    await ft?.shutdown();
    ft = undefined;
    page.restore();
    await receiver.stop();
    vi.doUnmock(CHUNK);
  });

  it('spans, histogram and counter points, violation and app log records of before the chunk arrive with their values, timestamps and trace context', async () => {
    const chunk = gatedChunk();
    ft = register({
      serviceName: 'shop-web',
      endpoint: url,
      budgets: { 'checkout.submit': { budgetMs: 1, severity: 'error' }, 'cart.render': 1000 },
      metricExportIntervalMs: 60_000,
    });
    const violations: BudgetViolation[] = [];
    ft.on('budgetViolation', (v) => violations.push(v));
    // An app meter through the global API and one through the handle, both before the chunk.
    const clicks = metrics.getMeter('shop').createCounter('shop.clicks');
    const latency = ft.meterProvider.getMeter('shop').createHistogram('shop.latency', { unit: 's' });
    const appLogger = ft.loggerProvider.getLogger('shop', '1.2.3');
    let appSpan = { traceId: '', spanId: '' };
    let emittedAt = 0;

    for (let i = 0; i < 3; i++) ft.track('checkout.submit', () => busy(3));
    ft.track('cart.render', () => {
      appSpan = trace.getActiveSpan()!.spanContext();
      emittedAt = Date.now();
      // No timestamp, no context: the stand-in must take both from this moment, not the replay.
      appLogger.emit({
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        body: 'cart shown',
        attributes: { items: 3 },
      });
    });
    clicks.add(2, { button: 'buy' });
    clicks.add(5, { button: 'buy' });
    latency.record(0.25, { route: '/cart' });
    latency.record(0.75, { route: '/cart' });

    // The first violation record started the chunk load at once (the page has not even loaded);
    // nothing can be sent before it arrives.
    await sleep(30);
    expect(chunk.state.imports).toBe(1);
    expect(receiver.requests).toHaveLength(0);

    chunk.open();
    await ft.forceFlush();
    expect(chunk.state.arrivedAt).toBeGreaterThanOrEqual(emittedAt + 30);

    const spans = receiver.spans();
    const submits = spans.filter((s) => s.span.name === 'checkout.submit');
    expect(submits).toHaveLength(3);
    const records = receiver.logRecords() as Array<Record<string, unknown> & { attributes: OtlpKeyValue[] }>;
    const violationRecords = records.filter((r) => r.eventName === 'ui.budget.violation');
    expect(violationRecords).toHaveLength(3);
    for (const v of violations) {
      const record = violationRecords.find((r) => r.spanId === v.spanId)!;
      const span = submits.find((s) => s.span.spanId === v.spanId)!.span as unknown as Record<string, unknown>;
      expect(record.traceId).toBe(v.traceId);
      expect(record.severityNumber).toBe(SeverityNumber.ERROR);
      expect(record.severityText).toBe('ERROR');
      // The violation's timestamp is the span's end, to the nanosecond, not the replay time.
      expect(nanos(record.timeUnixNano)).toBe(nanos(span.endTimeUnixNano));
      expect(attributesOf(record.attributes)).toMatchObject({
        'ui.operation': 'checkout.submit',
        'ui.budget.actual_ms': v.actual,
        'ui.budget.ms': 1,
        'ui.budget.severity': 'error',
      });
      // Observed when emitted: before the chunk arrived.
      expect(nanos(record.observedTimeUnixNano)).toBeLessThan(BigInt(chunk.state.arrivedAt) * 1_000_000n);
    }

    const app = records.find((r) => r.body && (r.body as { stringValue?: string }).stringValue === 'cart shown')!;
    expect(app).toMatchObject({
      traceId: appSpan.traceId,
      spanId: appSpan.spanId,
      severityNumber: SeverityNumber.INFO,
    });
    expect(attributesOf(app.attributes)).toEqual({ items: 3 });
    const at = nanos(app.timeUnixNano);
    expect(at).toBe(nanos(app.observedTimeUnixNano));
    expect(at).toBeGreaterThanOrEqual(BigInt(emittedAt) * 1_000_000n);
    expect(at).toBeLessThan(BigInt(emittedAt + 30) * 1_000_000n);

    const counted = pointsOf(receiver, 'ui.budget.violations');
    expect(total(counted)).toBe(3);
    expect(attributesOf(counted[0]!.attributes)).toEqual({
      'ui.operation': 'checkout.submit',
      'ui.budget.severity': 'error',
    });
    const durations = pointsOf(receiver, 'ui.operation.duration');
    expect(durations.reduce((s, p) => s + Number(p.count), 0)).toBe(4);
    const clickPoints = pointsOf(receiver, 'shop.clicks');
    expect(total(clickPoints)).toBe(7);
    expect(attributesOf(clickPoints[0]!.attributes)).toEqual({ button: 'buy' });
    const latencyPoints = pointsOf(receiver, 'shop.latency');
    expect(latencyPoints).toHaveLength(1);
    expect(latencyPoints[0]).toMatchObject({ sum: 1 });
    expect(Number(latencyPoints[0]!.count)).toBe(2);
    expect(attributesOf(latencyPoints[0]!.attributes)).toEqual({ route: '/cart' });
    expect(ft.diagnostics()).toMatchObject({
      logs: { exported: 4, failed: 0, dropped: 0 },
      exportPipelineLoadFailures: 0,
      heldDropped: { traces: 0, metrics: 0, logs: 0 },
    });
  });

  it('a page hidden before load starts the chunk load at once (no violation, no load event)', async () => {
    const chunk = gatedChunk();
    ft = register({ serviceName: 'shop-web', endpoint: url, budgets: { 'cart.render': 1000 } });
    ft.track('cart.render', () => busy(1));
    await sleep(20);
    expect(chunk.state.imports).toBe(0);
    page.dispatch('pagehide');
    await vi.waitFor(() => expect(chunk.state.imports).toBe(1), { timeout: 500 });
    chunk.open();
    await ft.forceFlush();
    expect(receiver.spans().map((s) => s.span.name)).toEqual(['cart.render']);
    expect(total(pointsOf(receiver, 'ui.operation.duration').map((p) => ({ asInt: p.count })))).toBe(1);
  });

  it('a tab hidden before load (not closed): the hide loads the chunk and what was held is sent without a flush call', async () => {
    const chunk = gatedChunk();
    ft = register({ serviceName: 'shop-web', endpoint: url, budgets: { 'cart.render': 1000 } });
    ft.track('cart.render', () => busy(1));
    ft.loggerProvider.getLogger('shop').emit({ severityNumber: SeverityNumber.INFO, body: 'quiet' });
    page.hide();
    chunk.open();
    await vi.waitFor(
      () => {
        expect(receiver.spans().map((s) => s.span.name)).toEqual(['cart.render']);
        expect(receiver.logRecords()).toHaveLength(1);
      },
      { timeout: 3000, interval: 50 },
    );
  });

  it('a chunk that fails to load is counted and retried once; the held metrics and records still arrive', async () => {
    const chunk = gatedChunk({ failFirst: true });
    ft = register({ serviceName: 'shop-web', endpoint: url, budgets: { 'checkout.submit': 1 } });
    ft.track('checkout.submit', () => busy(3));
    ft.meterProvider.getMeter('shop').createCounter('shop.clicks').add(4);
    chunk.open();
    await ft.forceFlush();
    expect(chunk.state.imports).toBe(2);
    expect(ft.diagnostics().exportPipelineLoadFailures).toBe(1);
    expect(receiver.logRecords().map((r) => r.eventName)).toEqual(['ui.budget.violation']);
    expect(total(pointsOf(receiver, 'shop.clicks'))).toBe(4);
    expect(total(pointsOf(receiver, 'ui.budget.violations'))).toBe(1);
  });

  it('a chunk that fails twice: held and later spans, metric and log records are counted as dropped, nothing thrown', async () => {
    const chunk = gatedChunk({ failAlways: true });
    ft = register({ serviceName: 'shop-web', endpoint: url, budgets: { 'checkout.submit': 1 } });
    ft.track('checkout.submit', () => busy(3)); // a span, a violation record, a counter point, a histogram point
    ft.loggerProvider.getLogger('shop').emit({ body: 'held' });
    chunk.open();
    await ft.forceFlush();
    expect(chunk.state.imports).toBe(2);
    const d = ft.diagnostics();
    expect(d.exportPipelineLoadFailures).toBe(2);
    expect(d.heldDropped).toEqual({ traces: 1, metrics: 2, logs: 2 });
    // Held by the holding span processor, never handed to an exporter: lost, not a failed export.
    expect(d.traces).toMatchObject({ exported: 0, failed: 0, failedExports: 0 });
    ft.track('checkout.later', () => 1); // a span and its duration point
    ft.loggerProvider.getLogger('shop').emit({ body: 'later' });
    ft.meterProvider.getMeter('shop').createCounter('shop.clicks').add(1);
    expect(ft.diagnostics().heldDropped).toEqual({ traces: 2, metrics: 4, logs: 3 });
    expect(receiver.requests).toHaveLength(0);
  });

  it('app trace exporters wait for the chunk too: spans before it are exported after it, in order, counted once', async () => {
    const chunk = gatedChunk();
    const mine = new InMemorySpanExporter();
    ft = register({ serviceName: 'shop-web', endpoint: false, exporters: { traces: [mine] } });
    ft.track('first', () => ft!.track('nested', () => 1));
    ft.track('second', () => 1);
    await sleep(20);
    expect(mine.getFinishedSpans()).toEqual([]);
    chunk.open();
    await ft.forceFlush();
    const spans = mine.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['nested', 'first', 'second']);
    expect(spans[0]!.parentSpanContext?.spanId).toBe(spans[1]!.spanContext().spanId);
    expect(spans[1]!.attributes['ui.operation']).toBe('first');
    expect(ft.diagnostics().traces).toMatchObject({ exported: 3, failed: 0, dropped: 0 });
  });

  it('a raised maxQueueSize raises what is held before the chunk too: 3000 spans and their points, none dropped', async () => {
    const chunk = gatedChunk();
    const mine = new InMemorySpanExporter();
    ft = register({ serviceName: 'shop-web', endpoint: false, exporters: { traces: [mine] }, maxQueueSize: 4000 });
    for (let i = 0; i < 3000; i++) ft.track('row.render', () => i);
    expect(ft.diagnostics().heldDropped).toEqual({ traces: 0, metrics: 0, logs: 0 });
    chunk.open();
    await ft.forceFlush();
    expect(mine.getFinishedSpans()).toHaveLength(3000);
    expect(ft.diagnostics().traces).toMatchObject({ exported: 3000, dropped: 0 });
    expect(ft.diagnostics().heldDropped).toEqual({ traces: 0, metrics: 0, logs: 0 });
  });

  it('by default as much is held before the chunk as the eager batch processor held: its 2048 queue plus a 512 batch', async () => {
    const chunk = gatedChunk();
    const mine = new InMemorySpanExporter();
    ft = register({ serviceName: 'shop-web', endpoint: false, exporters: { traces: [mine] } });
    for (let i = 0; i < 2560; i++) ft.track('row.render', () => i, { 'row.index': i });
    expect(ft.diagnostics().heldDropped.traces).toBe(0);
    ft.track('row.render', () => 2560, { 'row.index': 2560 }); // one past the bound: the oldest goes
    expect(ft.diagnostics().heldDropped.traces).toBe(1);
    chunk.open();
    await ft.forceFlush();
    // Handed over at once to a batch processor with the default 2048 queue: the first 512 leave the
    // queue as one export batch when it fills, so none is dropped there.
    const spans = mine.getFinishedSpans();
    expect(spans).toHaveLength(2560);
    expect(spans[0]!.attributes['row.index']).toBe(1);
    expect(spans.at(-1)!.attributes['row.index']).toBe(2560);
    expect(ft.diagnostics().traces).toMatchObject({ exported: 2560, dropped: 0 });
  });

  it('app trace exporters on a tab hidden before load: the hide loads the chunk and the spans are exported without a flush call', async () => {
    const chunk = gatedChunk();
    const mine = new InMemorySpanExporter();
    ft = register({ serviceName: 'shop-web', endpoint: false, exporters: { traces: [mine] } });
    ft.track('cart.render', () => 1);
    page.hide();
    chunk.open();
    // Well inside the batch processor's 5 s delay: the chunk, loaded because the page was hidden, flushes.
    await vi.waitFor(() => expect(mine.getFinishedSpans().map((s) => s.name)).toEqual(['cart.render']), {
      timeout: 1000,
      interval: 20,
    });
  });

  it('shutdown before the chunk with no span held does not fetch it, and still shuts the app trace exporters down', async () => {
    const chunk = gatedChunk();
    let shutdowns = 0;
    const mine = new InMemorySpanExporter();
    const shutdown = mine.shutdown.bind(mine);
    mine.shutdown = () => {
      shutdowns++;
      return shutdown();
    };
    const handle = register({ serviceName: 'shop-web', endpoint: false, exporters: { traces: [mine] } });
    await handle.shutdown();
    expect(chunk.state.imports).toBe(0);
    expect(shutdowns).toBe(1);
  });
});
