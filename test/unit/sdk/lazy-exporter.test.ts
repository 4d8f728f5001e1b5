import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiagnostics } from '../../../src/diagnostics.js';
import { CountingExporter } from '../../../src/sdk/counting.js';
import {
  LazyExporter,
  MAX_PENDING_EXPORTS,
  PIPELINE_RETRY_DELAY_MS,
  PipelineLoader,
} from '../../../src/sdk/lazy-exporter.js';
import type { OtlpExporters } from '../../../src/sdk/otlp-exporters.js';

type Batch = ReadableSpan[];
const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `s${i}` }) as unknown as ReadableSpan);

/** A stand-in for the chunk's trace exporter: records batches, answers with `code`. */
function fakeExporters(code = ExportResultCode.SUCCESS) {
  const received: Batch[] = [];
  const calls = { shutdown: 0, forceFlush: 0 };
  const traces = {
    export(items: Batch, done: (r: ExportResult) => void) {
      received.push(items);
      done({ code });
    },
    shutdown: async () => void calls.shutdown++,
    forceFlush: async () => void calls.forceFlush++,
  };
  return { exporters: { traces } as unknown as OtlpExporters, received, calls };
}

/** A loader whose chunk arrives when the test says so (or fails). */
function deferredChunk() {
  let resolve!: (e: OtlpExporters) => void;
  let reject!: (e: Error) => void;
  let loads = 0;
  const load = () => {
    loads++;
    return new Promise<OtlpExporters>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return { load, arrive: (e: OtlpExporters) => resolve(e), fail: (e: Error) => reject(e), loads: () => loads };
}

const flushPromises = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe('LazyExporter: exports held until the pipeline chunk is loaded', () => {
  it('holds batches, hands them over in order once loaded, and the ledger counts each once, on its real outcome', async () => {
    const diagnostics = createDiagnostics();
    const chunk = deferredChunk();
    const loader = new PipelineLoader(chunk.load, diagnostics);
    const counted = new CountingExporter<ReadableSpan>(
      new LazyExporter<Batch>(loader, (e) => e.traces),
      diagnostics.traces,
      'traces',
    );
    const results: ExportResult[] = [];
    counted.export(batch(3), (r) => results.push(r));
    counted.export(batch(2), (r) => results.push(r));
    await flushPromises();
    expect(results).toEqual([]);
    expect(diagnostics.traces.exported).toBe(0);
    expect(chunk.loads()).toBe(1);

    const fake = fakeExporters();
    chunk.arrive(fake.exporters);
    await flushPromises();
    expect(fake.received.map((b) => b.length)).toEqual([3, 2]);
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS, ExportResultCode.SUCCESS]);
    expect(diagnostics.traces).toMatchObject({ exported: 5, failed: 0, dropped: 0 });

    // once loaded, exports go straight through (synchronously)
    counted.export(batch(1), (r) => results.push(r));
    expect(fake.received).toHaveLength(3);
    expect(diagnostics.exportPipelineLoadFailures).toBe(0);
  });

  it('a chunk that fails to load is counted and retried once; the retry delivers what was held', async () => {
    vi.useFakeTimers();
    const diagnostics = createDiagnostics();
    const fake = fakeExporters();
    let attempts = 0;
    const loader = new PipelineLoader(async () => {
      attempts++;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module: /assets/otlp-exporters.js');
      return fake.exporters;
    }, diagnostics);
    const lazy = new LazyExporter<Batch>(loader, (e) => e.traces);
    const results: ExportResult[] = [];
    lazy.export(batch(4), (r) => results.push(r));
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toBe(1);
    expect(diagnostics.exportPipelineLoadFailures).toBe(1);
    expect(results).toEqual([]);

    await vi.advanceTimersByTimeAsync(PIPELINE_RETRY_DELAY_MS - 1);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toBe(2);
    expect(fake.received.map((b) => b.length)).toEqual([4]);
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS]);
    expect(diagnostics.exportPipelineLoadFailures).toBe(1);
  });

  it('after the retry fails too, held and later exports fail and are counted as failed, never thrown', async () => {
    vi.useFakeTimers();
    const diagnostics = createDiagnostics();
    let attempts = 0;
    const loader = new PipelineLoader(() => {
      attempts++;
      return Promise.reject(new Error(`chunk 404 (attempt ${attempts})`));
    }, diagnostics);
    const counted = new CountingExporter<ReadableSpan>(
      new LazyExporter<Batch>(loader, (e) => e.traces),
      diagnostics.traces,
      'traces',
    );
    const results: ExportResult[] = [];
    counted.export(batch(3), (r) => results.push(r));
    await vi.advanceTimersByTimeAsync(PIPELINE_RETRY_DELAY_MS);
    expect(attempts).toBe(2);
    expect(diagnostics.exportPipelineLoadFailures).toBe(2);
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.FAILED]);
    expect(diagnostics.traces).toMatchObject({ exported: 0, failed: 3, failedExports: 1 });
    expect(diagnostics.traces.lastError).toBe('chunk 404 (attempt 2)');

    counted.export(batch(2), (r) => results.push(r));
    expect(results).toHaveLength(2);
    expect(diagnostics.traces.failed).toBe(5);
    expect(attempts).toBe(2); // no third attempt
    await expect(counted.forceFlush()).resolves.toBeUndefined();
    await expect(counted.shutdown()).resolves.toBeUndefined();
  });

  it('holds at most MAX_PENDING_EXPORTS calls; past that an export fails at once', async () => {
    const chunk = deferredChunk();
    const lazy = new LazyExporter<Batch>(new PipelineLoader(chunk.load, createDiagnostics()), (e) => e.traces);
    const codes: number[] = [];
    for (let i = 0; i < MAX_PENDING_EXPORTS + 2; i++) lazy.export(batch(1), (r) => codes.push(r.code));
    expect(codes).toEqual([ExportResultCode.FAILED, ExportResultCode.FAILED]);
    const fake = fakeExporters();
    chunk.arrive(fake.exporters);
    await flushPromises();
    expect(fake.received).toHaveLength(MAX_PENDING_EXPORTS);
  });

  it('forceFlush waits for the chunk and the held exports; shutdown without anything held never loads it', async () => {
    const chunk = deferredChunk();
    const idle = new LazyExporter<Batch>(new PipelineLoader(chunk.load, createDiagnostics()), (e) => e.traces);
    await idle.forceFlush();
    await idle.shutdown();
    expect(chunk.loads()).toBe(0);

    const fake = fakeExporters();
    const lazy = new LazyExporter<Batch>(new PipelineLoader(chunk.load, createDiagnostics()), (e) => e.traces);
    lazy.export(batch(2), () => {});
    let flushed = false;
    const flush = lazy.forceFlush().then(() => {
      flushed = true;
    });
    await flushPromises();
    expect(flushed).toBe(false);
    chunk.arrive(fake.exporters);
    await flush;
    expect(fake.received).toHaveLength(1);
    expect(fake.calls.forceFlush).toBe(1);
    await lazy.shutdown();
    expect(fake.calls.shutdown).toBe(1);
  });
});
