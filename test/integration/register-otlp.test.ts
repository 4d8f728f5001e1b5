import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { register, type Frametel, VERSION } from '../../src/index.js';
import { attributesOf, OtlpReceiver } from '../support/otlp-receiver.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('register() → OTLP/HTTP → a real receiver on 127.0.0.1', () => {
  let receiver: OtlpReceiver;
  let url: string;
  let ft: Frametel | undefined;

  beforeEach(async () => {
    receiver = new OtlpReceiver();
    url = await receiver.start();
  });
  afterEach(async () => {
    await ft?.shutdown();
    ft = undefined;
    await receiver.stop();
  });

  it('delivers the span, the duration histogram, the violation counter and the violation log record', async () => {
    ft = register({
      serviceName: 'shop-web',
      serviceVersion: '2.0.0',
      endpoint: url,
      headers: { 'x-collector-token': 't0ken' },
      resourceAttributes: { 'deployment.environment.name': 'test' },
      budgets: { 'checkout.total': { budgetMs: 1, severity: 'error', impact: 'background' }, 'cart.open': 1000 },
      metricExportIntervalMs: 60_000,
    });
    ft.track('checkout.total', () => busy(3));
    ft.track('cart.open', () => busy(0.1));
    await ft.forceFlush();

    // traces
    const spans = receiver.spans();
    expect(spans.map((s) => s.span.name).sort()).toEqual(['cart.open', 'checkout.total']);
    const slow = spans.find((s) => s.span.name === 'checkout.total')!;
    expect(slow.scope).toBe('frametel');
    expect(slow.resource).toMatchObject({
      'service.name': 'shop-web',
      'service.version': '2.0.0',
      'deployment.environment.name': 'test',
      'telemetry.distro.name': 'frametel',
      'telemetry.distro.version': VERSION,
    });
    const attrs = attributesOf(slow.span.attributes);
    expect(attrs).toMatchObject({
      'ui.operation': 'checkout.total',
      'ui.budget.ms': 1,
      'ui.budget.exceeded': true,
      'ui.budget.severity': 'error',
      'ui.budget.impact': 'background',
    });
    const event = slow.span.events?.find((e) => e.name === 'ui.budget.violation');
    expect(event).toBeDefined();
    const eventAttrs = attributesOf(event!.attributes);
    expect(eventAttrs).toMatchObject({
      'ui.budget.ms': 1,
      'ui.budget.severity': 'error',
      'ui.budget.impact': 'background',
    });
    expect(eventAttrs['ui.budget.actual_ms']).toBeGreaterThan(1);
    const fast = attributesOf(spans.find((s) => s.span.name === 'cart.open')!.span.attributes);
    expect(fast).toMatchObject({ 'ui.operation': 'cart.open', 'ui.budget.ms': 1000, 'ui.budget.exceeded': false });
    expect(fast['ui.budget.severity']).toBeUndefined();

    // logs: one violation record, in the span's trace context
    const logs = receiver.logRecords();
    expect(logs).toHaveLength(1);
    expect(logs[0]!.eventName).toBe('ui.budget.violation');
    expect(logs[0]!.severityText).toBe('ERROR');
    expect(logs[0]!.traceId).toBe(slow.span.traceId);
    expect(logs[0]!.spanId).toBe(slow.span.spanId);
    expect(attributesOf(logs[0]!.attributes)).toMatchObject({
      'ui.operation': 'checkout.total',
      'ui.budget.ms': 1,
      'ui.budget.severity': 'error',
    });

    // metrics
    const metrics = receiver.metrics();
    const histogram = metrics.find((m) => m.name === 'ui.operation.duration')!;
    expect(histogram.unit).toBe('s');
    const points = (
      histogram.metric.histogram as {
        dataPoints: Array<{ attributes: never; count: number | string; explicitBounds: number[]; sum: number }>;
      }
    ).dataPoints;
    expect(points.map((p) => attributesOf(p.attributes)['ui.operation']).sort()).toEqual([
      'cart.open',
      'checkout.total',
    ]);
    const slowPoint = points.find((p) => attributesOf(p.attributes)['ui.operation'] === 'checkout.total')!;
    expect(Number(slowPoint.count)).toBe(1);
    expect(slowPoint.sum).toBeGreaterThan(0.001);
    expect(slowPoint.explicitBounds).toContain(0.016);
    const counter = metrics.find((m) => m.name === 'ui.budget.violations')!;
    const counterPoints = (
      counter.metric.sum as { dataPoints: Array<{ attributes: never; asInt?: string | number; asDouble?: number }> }
    ).dataPoints;
    expect(counterPoints).toHaveLength(1);
    expect(attributesOf(counterPoints[0]!.attributes)).toEqual({
      'ui.operation': 'checkout.total',
      'ui.budget.severity': 'error',
    });
    expect(Number(counterPoints[0]!.asInt ?? counterPoints[0]!.asDouble)).toBe(1);

    // every request carried the user's header; nothing failed
    expect(new Set(receiver.requests.map((r) => r.path))).toEqual(new Set(['/v1/traces', '/v1/logs', '/v1/metrics']));
    for (const r of receiver.requests) expect(r.headers['x-collector-token']).toBe('t0ken');
    const d = ft.diagnostics();
    expect(d.traces).toMatchObject({ exported: 2, failed: 0, dropped: 0 });
    expect(d.logs).toMatchObject({ exported: 1, failed: 0 });
  });

  it('a failing receiver (HTTP 500) is counted per signal, never thrown', async () => {
    receiver.status = 500;
    ft = register({ serviceName: 'shop-web', endpoint: url, budgets: { op: 0.001 }, metricExportIntervalMs: 60_000 });
    expect(ft.track('op', () => 7)).toBe(7);
    await ft.forceFlush();
    const d = ft.diagnostics();
    expect(d.traces.failed).toBe(1);
    expect(d.traces.exported).toBe(0);
    expect(d.traces.lastError).toBe('HTTP 500: Internal Server Error');
    expect(d.logs.failed).toBe(1);
    expect(d.metrics.failed).toBeGreaterThanOrEqual(2); // histogram point + violation counter point
    expect(d.internalErrors).toBe(0);
  });

  // The OTLP exporter retries refused connections with backoff for ~15 s before giving up.
  it('an unreachable endpoint is counted, never thrown', { timeout: 45_000 }, async () => {
    await receiver.stop();
    ft = register({ serviceName: 'shop-web', endpoint: url, metricExportIntervalMs: 60_000 });
    ft.track('op', () => undefined);
    await expect(ft.forceFlush()).resolves.toBeUndefined();
    const d = ft.diagnostics();
    expect(d.traces.failed).toBe(1);
    expect(d.traces.lastError).toMatch(/ECONNREFUSED/);
  });

  it('counts the spans a full queue drops: exported + dropped = produced', async () => {
    receiver.delayMs = 50;
    ft = register({ serviceName: 'shop-web', endpoint: url, maxQueueSize: 5, metricExportIntervalMs: 60_000 });
    for (let i = 0; i < 50; i++) ft.track(`op.${i % 3}`, () => i);
    await ft.forceFlush();
    const d = ft.diagnostics();
    expect(d.traces.dropped).toBeGreaterThan(0);
    expect(d.traces.exported + d.traces.dropped).toBe(50);
    expect(receiver.spans()).toHaveLength(d.traces.exported);
  });

  it('sampleRate 0 exports no spans but still checks budgets, counts stats and exports metrics', async () => {
    ft = register({
      serviceName: 'shop-web',
      endpoint: url,
      sampleRate: 0,
      budgets: { op: 0.001 },
      metricExportIntervalMs: 60_000,
    });
    const seen: string[] = [];
    ft.on('budgetViolation', (v) => seen.push(v.operation));
    ft.track('op', () => busy(0.2));
    await ft.forceFlush();
    expect(ft.sampled).toBe(false);
    expect(receiver.spans()).toHaveLength(0);
    expect(seen).toEqual(['op']);
    expect(ft.stats.get('op')?.violations).toBe(1);
    expect(receiver.metrics().map((m) => m.name)).toEqual(
      expect.arrayContaining(['ui.operation.duration', 'ui.budget.violations']),
    );
  });
});
