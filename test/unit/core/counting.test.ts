import { TraceFlags } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it, vi } from 'vitest';
import { createDiagnostics } from '../../../src/diagnostics.js';
import { CountingExporter, GuardedSpanProcessor } from '../../../src/sdk/counting.js';
import { countDataPoints, GuardedLogRecordProcessor } from '../../../src/sdk/providers.js';

type Done = (r: ExportResult) => void;

/** An exporter whose answer the test decides, call by call. */
function fakeExporter() {
  const calls: Array<{ items: unknown[]; done: Done }> = [];
  return {
    calls,
    export: (items: unknown[], done: Done) => void calls.push({ items, done }),
    shutdown: vi.fn(async () => {}),
    forceFlush: vi.fn(async () => {}),
  };
}

describe('CountingExporter: every item exported or failed is counted in the signal ledger', () => {
  it('counts successes and failures, remembers the last error (HTTP status first) and passes results through', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ledger = createDiagnostics().traces;
    const inner = fakeExporter();
    const counting = new CountingExporter(inner, ledger, 'traces');
    const results: ExportResult[] = [];
    counting.export([1, 2, 3], (r) => results.push(r));
    counting.export([4], (r) => results.push(r));
    inner.calls[0]!.done({ code: ExportResultCode.SUCCESS });
    const httpError = Object.assign(new Error('Internal Server Error'), { code: 500 });
    inner.calls[1]!.done({ code: ExportResultCode.FAILED, error: httpError });
    expect(ledger).toMatchObject({
      exported: 3,
      failed: 1,
      failedExports: 1,
      lastError: 'HTTP 500: Internal Server Error',
    });
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS, ExportResultCode.FAILED]);
    expect(counting.handed).toBe(4);
  });

  it('an exporter that throws is a failed export, and the processor still gets its callback', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ledger = createDiagnostics().logs;
    const counting = new CountingExporter(
      {
        export() {
          throw new Error('exporter bug');
        },
        shutdown: async () => {},
      },
      ledger,
      'logs',
    );
    const done = vi.fn();
    expect(() => counting.export([1, 2], done)).not.toThrow();
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ code: ExportResultCode.FAILED }));
    expect(ledger).toMatchObject({ failed: 2, failedExports: 1, lastError: 'exporter bug' });
  });

  it('counts metric data points rather than batches, and delegates flush and shutdown', async () => {
    const ledger = createDiagnostics().metrics;
    const inner = fakeExporter();
    const counting = new CountingExporter(inner as never, ledger, 'metrics', countDataPoints as never);
    const batch = [
      {
        scopeMetrics: [{ metrics: [{ dataPoints: [1, 2] }, { dataPoints: [3] }] }, { metrics: [{ dataPoints: [4] }] }],
      },
    ] as unknown as ResourceMetrics[];
    expect(countDataPoints(batch)).toBe(4);
    counting.export(batch as never, () => {});
    inner.calls[0]!.done({ code: ExportResultCode.SUCCESS });
    expect(ledger.exported).toBe(4);
    await counting.forceFlush();
    await counting.shutdown();
    expect(inner.forceFlush).toHaveBeenCalledTimes(1);
    expect(inner.shutdown).toHaveBeenCalledTimes(1);
  });
});

describe('guarded processors: what a full batch queue would drop silently is counted', () => {
  const span = (sampled: boolean) =>
    ({
      spanContext: () => ({ traceId: 't', spanId: 's', traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE }),
    }) as unknown as ReadableSpan;

  it('admits up to maxQueueSize items not yet handed to the exporter, then drops and counts', () => {
    const ledger = createDiagnostics().traces;
    const inner = fakeExporter();
    const counting = new CountingExporter(inner as never, ledger, 'traces');
    const ended: ReadableSpan[] = [];
    const batch: SpanProcessor = {
      onStart: () => {},
      onEnd: (s) => void ended.push(s),
      forceFlush: async () => {},
      shutdown: async () => {},
    };
    const guarded = new GuardedSpanProcessor(batch, counting as never, ledger, 2);
    for (let i = 0; i < 3; i++) guarded.onEnd(span(true));
    expect(ended).toHaveLength(2);
    expect(ledger.dropped).toBe(1);
    // The batch processor hands the two to the exporter: the queue has room again.
    counting.export(ended.splice(0) as never, () => {});
    guarded.onEnd(span(true));
    expect(ended).toHaveLength(1);
    expect(ledger.dropped).toBe(1);
  });

  it('does not count unsampled spans (never due for export) and passes onStart through', () => {
    const ledger = createDiagnostics().traces;
    const inner = { onStart: vi.fn(), onEnd: vi.fn(), forceFlush: async () => {}, shutdown: async () => {} };
    const guarded = new GuardedSpanProcessor(
      inner,
      new CountingExporter(fakeExporter() as never, ledger, 'traces'),
      ledger,
      1,
    );
    guarded.onStart({} as Span, {} as never);
    for (let i = 0; i < 5; i++) guarded.onEnd(span(false));
    expect(inner.onStart).toHaveBeenCalledTimes(1);
    expect(inner.onEnd).not.toHaveBeenCalled();
    expect(ledger.dropped).toBe(0);
  });

  it('guards log records the same way', () => {
    const ledger = createDiagnostics().logs;
    const inner = { onEmit: vi.fn(), forceFlush: async () => {}, shutdown: async () => {} };
    const guarded = new GuardedLogRecordProcessor(
      inner,
      new CountingExporter(fakeExporter(), ledger, 'logs'),
      ledger,
      3,
    );
    for (let i = 0; i < 5; i++) guarded.onEmit({} as never);
    expect(inner.onEmit).toHaveBeenCalledTimes(3);
    expect(ledger.dropped).toBe(2);
  });
});
