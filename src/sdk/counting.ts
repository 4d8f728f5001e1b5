import { diag, TraceFlags, type Context } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ExportLedger } from '../diagnostics.js';
import { exportBatchSize } from '../options.js';

/** The exporter shape shared by span and log record exporters. */
interface ItemExporter<T> {
  export(items: T[], done: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/**
 * Wraps an exporter to count what it exported and what failed into a ledger, so an unreachable
 * collector shows up in `ft.diagnostics()` instead of disappearing. Also counts what the batch
 * processor handed over, which is how QueueGuard knows the batch queue's length.
 */
export class CountingExporter<T> implements ItemExporter<T> {
  handed = 0;
  private warned = false;

  constructor(
    private readonly inner: ItemExporter<T>,
    private readonly ledger: ExportLedger,
    private readonly signal: string,
    private readonly countItems: (items: T[]) => number = (items) => items.length,
  ) {}

  export(items: T[], done: (result: ExportResult) => void): void {
    const n = this.countItems(items);
    this.handed += items.length;
    const finish = (result: ExportResult) => {
      if (result.code === ExportResultCode.SUCCESS) {
        this.ledger.exported += n;
      } else {
        // Items the delivery layer kept for a later retry (persistence) are not lost: counted as stored.
        // On hide, part of an export may have been sent (keepalive chunks): counted as exported.
        const { stored = 0, sent = 0 } = (result.error ?? {}) as { stored?: number; sent?: number };
        this.ledger.exported += sent;
        this.ledger.failed += Math.max(0, n - stored - sent);
        this.ledger.stored += stored;
        this.ledger.failedExports++;
        this.ledger.lastError = describeExportError(result.error);
        if (!this.warned) {
          this.warned = true;
          diag.warn(
            `frametel: ${this.signal} export failed (${this.ledger.lastError}); failures are counted in ft.diagnostics()`,
          );
        }
      }
      done(result);
    };
    try {
      this.inner.export(items, finish);
    } catch (error) {
      finish({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * Sits in front of a batch processor and counts what its full queue would drop silently:
 * queue length = items offered − items dropped here − items the exporter was handed.
 */
export abstract class QueueGuard {
  private offered = 0;
  private droppedHere = 0;

  constructor(
    protected readonly exporter: CountingExporter<unknown>,
    private readonly ledger: ExportLedger,
    private readonly maxQueueSize: number,
  ) {}

  /** true when the item may go to the batch processor, false when it was counted as dropped. */
  protected admit(): boolean {
    this.offered++;
    if (this.offered - 1 - this.droppedHere - this.exporter.handed >= this.maxQueueSize) {
      this.droppedHere++;
      this.ledger.dropped++;
      return false;
    }
    return true;
  }
}

export class GuardedSpanProcessor extends QueueGuard implements SpanProcessor {
  constructor(
    private readonly inner: SpanProcessor,
    exporter: CountingExporter<ReadableSpan>,
    ledger: ExportLedger,
    maxQueueSize: number,
  ) {
    super(exporter as CountingExporter<unknown>, ledger, maxQueueSize);
  }

  onStart(span: Span, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    // The batch processor ignores unsampled spans: they are not "dropped", they were never due.
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.admit()) this.inner.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/** "HTTP 500: Internal Server Error" for OTLP HTTP failures (OTLPExporterError carries the status in `code`). */
function describeExportError(error: Error | undefined): string {
  if (error === undefined) return 'export failed';
  const status = (error as Error & { code?: unknown }).code;
  return typeof status === 'number' ? `HTTP ${status}: ${error.message}` : error.message;
}

/** Batch processor bounds of every signal: the queue `maxQueueSize`, batches of at most 512. */
export function queueOptions(config: { maxQueueSize: number }) {
  return { maxQueueSize: config.maxQueueSize, maxExportBatchSize: exportBatchSize(config.maxQueueSize) };
}
