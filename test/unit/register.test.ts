import { SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InMemoryMetricExporter } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  activeFrametel,
  consoleAlerts,
  customAlerts,
  FrametelConfigError,
  register,
  track,
  VERSION,
  type Alert,
  type BudgetViolation,
  type Frametel,
  type FrametelOptions,
} from '../../src/index.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

function inMemory(options: Partial<FrametelOptions> = {}) {
  const spans = new InMemorySpanExporter();
  const logs = new InMemoryLogRecordExporter();
  const metrics = new InMemoryMetricExporter(AggregationTemporality.DELTA);
  const ft = register({
    serviceName: 'unit',
    endpoint: false,
    metricExportIntervalMs: 60_000,
    exporters: { traces: [spans], logs: [logs], metrics: [metrics] },
    ...options,
  });
  return { ft, spans, logs, metrics };
}

let handles: Frametel[] = [];
function keep<T extends { ft: Frametel }>(x: T): T {
  handles.push(x.ft);
  return x;
}
afterEach(async () => {
  await Promise.all(handles.map((h) => h.shutdown()));
  handles = [];
  vi.restoreAllMocks();
});

describe('track()', () => {
  it('returns the value of a sync fn and exports one span with ui.operation and the extra attributes', async () => {
    const { ft, spans } = keep(inMemory());
    expect(ft.track('cart.total', () => 42, { 'cart.items': 3 })).toBe(42);
    await ft.forceFlush();
    const [span] = spans.getFinishedSpans();
    expect(span?.name).toBe('cart.total');
    expect(span?.attributes).toMatchObject({ 'ui.operation': 'cart.total', 'cart.items': 3 });
    expect(span?.instrumentationScope.name).toBe('frametel');
  });

  it('returns a promise settling like the async fn’s (not the same object: see track.ts) and times the span', async () => {
    const { ft, spans } = keep(inMemory());
    const promise = new Promise<string>((resolve) => setTimeout(() => resolve('done'), 25));
    const returned = ft.track('cart.load', () => promise);
    expect(returned).toBeInstanceOf(Promise);
    expect(await returned).toBe('done');
    await ft.forceFlush();
    const [span] = spans.getFinishedSpans();
    const ms = span!.duration[0] * 1e3 + span!.duration[1] / 1e6;
    expect(ms).toBeGreaterThanOrEqual(20);
  });

  it('rethrows a sync error unchanged and records it on the span with status ERROR', async () => {
    const { ft, spans } = keep(inMemory());
    const boom = new RangeError('boom');
    let caught: unknown;
    try {
      ft.track('pay', () => {
        throw boom;
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    await ft.forceFlush();
    const [span] = spans.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(span?.events.find((e) => e.name === 'exception')?.attributes).toMatchObject({
      'exception.type': 'RangeError',
      'exception.message': 'boom',
    });
  });

  it('passes an async rejection through unchanged and records it', async () => {
    const { ft, spans } = keep(inMemory());
    const boom = new Error('async boom');
    await expect(ft.track('pay', async () => Promise.reject(boom))).rejects.toBe(boom);
    await ft.forceFlush();
    expect(spans.getFinishedSpans()[0]?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('makes its span the active one, so nested tracks are children', async () => {
    const { ft, spans } = keep(inMemory());
    ft.track('outer', () => ft.track('inner', () => trace.getActiveSpan()?.spanContext().spanId));
    await ft.forceFlush();
    const byName = Object.fromEntries(spans.getFinishedSpans().map((s) => [s.name, s]));
    expect(byName.inner?.parentSpanContext?.spanId).toBe(byName.outer?.spanContext().spanId);
  });

  it('rejects a non-function fn with a FrametelConfigError, and runs fn untraced (counted) for a bad operation key', async () => {
    const { ft, spans } = keep(inMemory());
    expect(() => ft.track('x', 5 as never)).toThrow(FrametelConfigError);
    expect(() => ft.track('x', 5 as never)).toThrow('ft.track(fn): expected a function to run and time, got 5');
    expect(ft.track('' as string, () => 'ran')).toBe('ran');
    expect(ft.track(undefined as never, () => 'ran too')).toBe('ran too');
    await ft.forceFlush();
    expect(spans.getFinishedSpans()).toHaveLength(0);
    expect(ft.diagnostics().invalidTrackCalls).toBe(2);
  });

  it('feeds stats, and the report shows each operation with its budget and violations', async () => {
    // 50 ms between the slow run and the instant one: a loaded CI machine can stretch a 0.1 ms run
    // past a 2 ms budget, but not an empty function past 50 ms.
    const { ft } = keep(inMemory({ budgets: { 'table.sort': 50, 'a,"quoted"\nop': 100 } }));
    ft.track('table.sort', () => busy(55));
    ft.track('table.sort', () => 0);
    ft.track('a,"quoted"\nop', () => 1);
    ft.track('no.budget', () => 1);
    await ft.forceFlush();
    const sort = ft.stats.get('table.sort')!;
    expect(sort).toMatchObject({ operation: 'table.sort', count: 2, violations: 1 });
    expect(sort.maxTime).toBeGreaterThanOrEqual(55);
    const json = JSON.parse(ft.report('json')) as { service: string; operations: Array<Record<string, unknown>> };
    expect(json.service).toBe('unit');
    expect(json.operations.map((o) => [o.operation, o.budgetMs, o.violations])).toEqual([
      ['a,"quoted"\nop', 100, 0],
      ['no.budget', null, 0],
      ['table.sort', 50, 1],
    ]);
    const csv = ft.report('csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'operation,count,avg_ms,min_ms,max_ms,total_ms,p50_ms,p95_ms,p99_ms,last_executed,budget_ms,violations',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    // RFC 4180: the field with a comma, quotes and a line break is quoted, its quotes doubled
    expect(csv).toContain('\r\n"a,""quoted""\nop",1,');
    expect(lines.find((l) => l.startsWith('no.budget,'))).toMatch(
      /^no\.budget,1,[\d.]+,[\d.]+,[\d.]+,[\d.]+,[\d.]+,[\d.]+,[\d.]+,\d{4}-\d\d-\d\dT[\d:.]+Z,,0$/,
    );
    expect(lines.find((l) => l.startsWith('table.sort,'))).toMatch(/,50,1$/);
  });
});

describe('listeners and alerts', () => {
  it('delivers violations asynchronously with the full payload; a throwing listener is counted and others still run', async () => {
    const { ft, spans } = keep(
      inMemory({ budgets: { 'table.sort:orders': { budgetMs: 1, severity: 'critical', impact: 'background' } } }),
    );
    const got: BudgetViolation[] = [];
    ft.on('budgetViolation', () => {
      throw new Error('listener bug');
    });
    ft.on('budgetViolation', (v) => got.push(v));
    ft.track('table.sort', () => busy(2), { 'ui.table.name': 'orders' });
    expect(got).toHaveLength(0); // not inside the operation
    await ft.forceFlush();
    const span = spans.getFinishedSpans()[0]!;
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      operation: 'table.sort',
      subject: 'orders',
      budget: 1,
      severity: 'critical',
      impact: 'background',
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
    });
    expect(got[0]!.actual).toBeGreaterThan(1);
    expect(Math.abs(got[0]!.timestamp - Date.now())).toBeLessThan(5_000);
    expect(ft.diagnostics().listenerErrors).toBe(1);
  });

  it('off() stops delivery', async () => {
    const { ft } = keep(inMemory({ budgets: { op: 0.001 } }));
    const fn = vi.fn();
    ft.on('budgetViolation', fn).off('budgetViolation', fn);
    ft.track('op', () => busy(0.1));
    await ft.forceFlush();
    expect(fn).not.toHaveBeenCalled();
  });

  it('alerts: minSeverity filters, throttling suppresses and counts, a failing destination is counted', async () => {
    const sent: Alert[] = [];
    const warn = vi.fn();
    const error = vi.fn();
    const { ft } = keep(
      inMemory({
        budgets: { 'op.warn': 0.001, 'op.err': { budgetMs: 0.001, severity: 'error' } },
        alerts: {
          minSeverity: 'error',
          throttleMs: 60_000,
          destinations: [
            customAlerts((a) => void sent.push(a)),
            customAlerts(async () => Promise.reject(new Error('webhook down')), 'webhook'),
            consoleAlerts({ console: { warn, error } }),
          ],
        },
      }),
    );
    ft.track('op.warn', () => busy(0.1)); // below minSeverity: no alert
    for (let i = 0; i < 3; i++) ft.track('op.err', () => busy(0.1));
    await ft.forceFlush();
    expect(sent.map((a) => [a.operation, a.severity, a.suppressed])).toEqual([['op.err', 'error', 0]]);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]![0]).toMatch(
      /^\[frametel\] error: op\.err took [\d.]+ ms, budget 0\.001 ms; trace [0-9a-f]{32}$/,
    );
    expect(warn).not.toHaveBeenCalled();
    const d = ft.diagnostics();
    expect(d.alertsSuppressed).toBe(2);
    expect(d.alertErrors).toBe(1);
    expect(d.alertsSent).toBe(2);
  });

  it('customAlerts() without a function is a config error', () => {
    let thrown: unknown;
    try {
      customAlerts('nope' as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FrametelConfigError);
    expect(thrown).toMatchObject({
      message: 'customAlerts(send): expected a function (alert) => void, got "nope"',
      path: 'customAlerts(send)',
      expected: 'a function (alert) => void',
      got: 'nope',
    });
  });
});

describe('register() lifecycle', () => {
  it('sets the resource: service.name/version, telemetry.distro.*, user attributes', async () => {
    const { ft, spans } = keep(
      inMemory({ serviceVersion: '3.1.4', resourceAttributes: { 'deployment.environment.name': 'staging' } }),
    );
    ft.track('op', () => 1);
    await ft.forceFlush();
    expect(spans.getFinishedSpans()[0]?.resource.attributes).toMatchObject({
      'service.name': 'unit',
      'service.version': '3.1.4',
      'deployment.environment.name': 'staging',
      'telemetry.distro.name': 'frametel',
      'telemetry.distro.version': VERSION,
    });
  });

  it('VERSION is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('never mutates the caller options (deep-frozen options work with enabled: true)', async () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') for (const v of Object.values(o)) deepFreeze(v);
      return Object.freeze(o);
    };
    const options = deepFreeze({
      serviceName: 'frozen',
      endpoint: false as const,
      budgets: { 'table.sort': { budgetMs: 5, severity: 'error' as const } },
      alerts: { destinations: [customAlerts(() => {})] },
      headers: { 'x-a': 'b' },
    });
    const before = JSON.stringify(options);
    const ft = register(options);
    handles.push(ft);
    ft.track('table.sort', () => busy(6));
    await ft.forceFlush();
    expect(JSON.stringify(options)).toBe(before);
    expect(ft.stats.get('table.sort')?.violations).toBe(1);
  });

  it('enabled: false returns a working no-op handle', async () => {
    const ft = register({ serviceName: 'off', enabled: false, budgets: { op: 0.001 } });
    expect(ft.enabled).toBe(false);
    expect(ft.track('op', () => 'value')).toBe('value');
    const p = Promise.resolve(1);
    expect(ft.track('op', () => p)).toBe(p);
    expect(ft.on('budgetViolation', () => {})).toBe(ft);
    expect(ft.stats.get('op')).toBeUndefined();
    expect(JSON.parse(ft.report('json'))).toMatchObject({ service: 'off', operations: [] });
    expect(ft.report('csv')).toBe(
      'operation,count,avg_ms,min_ms,max_ms,total_ms,p50_ms,p95_ms,p99_ms,last_executed,budget_ms,violations\r\n',
    );
    expect(ft.tracerProvider.getTracer('x').startSpan('s').isRecording()).toBe(false);
    expect(activeFrametel()).toBeUndefined();
    await expect(ft.forceFlush()).resolves.toBeUndefined();
    await expect(ft.shutdown()).resolves.toBeUndefined();
  });

  it('standalone track() runs fn without a handle and uses the registered one when there is one', async () => {
    expect(track('early', () => 'no handle')).toBe('no handle');
    const { ft, spans } = keep(inMemory());
    expect(activeFrametel()).toBe(ft);
    expect(track('later', () => 'traced')).toBe('traced');
    await ft.forceFlush();
    expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(['later']);
  });

  it('a second register() replaces the first, which releases the globals and shuts down', async () => {
    const first = keep(inMemory());
    const second = keep(inMemory({ serviceName: 'second' }));
    expect(activeFrametel()).toBe(second.ft);
    trace.getTracer('app').startSpan('global').end();
    await second.ft.forceFlush();
    expect(second.spans.getFinishedSpans().map((s) => s.name)).toEqual(['global']);
    expect(first.spans.getFinishedSpans()).toHaveLength(0);
    await second.ft.shutdown();
    expect(activeFrametel()).toBeUndefined();
    expect(trace.getTracer('app').startSpan('after').isRecording()).toBe(false);
  });

  it('debug: true prints the effective config once, with header values redacted', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const { ft } = keep(
      inMemory({ debug: true, headers: { authorization: 'Bearer secret-token' }, budgets: 'strict' }),
    );
    expect(info).toHaveBeenCalledTimes(1);
    const printed = String(info.mock.calls[0]![1]);
    expect(printed).not.toContain('secret-token');
    expect(JSON.parse(printed)).toMatchObject({
      serviceName: 'unit',
      headers: { authorization: '<redacted>' },
      budgets: { 'table.sort': 25, 'component.render': 8 },
      exporters: { traces: ['InMemorySpanExporter'] },
      contextManager: 'StackContextManager (default)',
    });
    ft.track('op', () => 1);
    expect(info).toHaveBeenCalledTimes(1);
  });

  it('a throwing exporter is contained and counted', async () => {
    const exporter = new InMemorySpanExporter();
    exporter.export = () => {
      throw new Error('exporter bug');
    };
    const ft = register({ serviceName: 'x', endpoint: false, exporters: { traces: [exporter] } });
    handles.push(ft);
    expect(ft.track('op', () => 1)).toBe(1);
    await ft.forceFlush();
    const d = ft.diagnostics();
    expect(d.traces.failed).toBe(1);
    expect(d.traces.lastError).toBe('exporter bug');
  });
});
