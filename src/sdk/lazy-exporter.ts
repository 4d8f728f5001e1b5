import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import {
  AggregationTemporality,
  InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { Diagnostics } from '../diagnostics.js';
import type { OtlpExporters } from './otlp-exporters.js';

/** Wait before the one retry of a failed chunk load (a flaky network, a deploy swapping chunks). */
export const PIPELINE_RETRY_DELAY_MS = 1000;
/**
 * Export calls held while the chunk loads, per signal. The batch processors send one batch at a
 * time and wait for it, so this is only reached when their export timeouts fire repeatedly;
 * past it an export fails at once and CountingExporter counts its items as failed.
 */
export const MAX_PENDING_EXPORTS = 32;

/**
 * Loads the OTLP exporters chunk once, on the first of: the page's `load` event followed by an
 * idle period (never competing with first paint), an export, a flush. A failed load is counted in
 * `diagnostics().exportPipelineLoadFailures` and retried once after PIPELINE_RETRY_DELAY_MS;
 * after a second failure every held and later export fails (and is counted as failed).
 */
export class PipelineLoader {
  private promise: Promise<OtlpExporters> | undefined;
  /** Set once the chunk is in: exports go straight through, no promise hop. */
  exporters: OtlpExporters | undefined;
  failure: Error | undefined;

  constructor(
    private readonly load: () => Promise<OtlpExporters>,
    private readonly diagnostics: Diagnostics,
  ) {}

  /** Starts the load when the page is loaded and idle (in Node / workers: on the next tick). */
  loadWhenIdle(): void {
    afterLoadAndIdle(() => void this.ready().catch(() => {}));
  }

  ready(): Promise<OtlpExporters> {
    this.promise ??= this.attempt().catch(async (first: unknown) => {
      this.countFailure(first);
      await new Promise((resolve) => setTimeout(resolve, PIPELINE_RETRY_DELAY_MS));
      return this.attempt().catch((second: unknown) => {
        this.countFailure(second);
        this.failure = second instanceof Error ? second : new Error(String(second));
        throw this.failure;
      });
    });
    return this.promise;
  }

  private async attempt(): Promise<OtlpExporters> {
    const exporters = await this.load();
    this.exporters = exporters;
    return exporters;
  }

  private countFailure(error: unknown): void {
    this.diagnostics.exportPipelineLoadFailures++;
    diag.warn('frametel: the OTLP export pipeline chunk failed to load', error);
  }
}

function afterLoadAndIdle(fn: () => void): void {
  const g = globalThis as {
    document?: { readyState?: string };
    addEventListener?: (type: string, fn: () => void, options?: { once: boolean }) => void;
    requestIdleCallback?: (fn: () => void, options?: { timeout: number }) => void;
  };
  const idle = () => (g.requestIdleCallback ? g.requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 0));
  if (g.document?.readyState !== undefined && g.document.readyState !== 'complete' && g.addEventListener)
    g.addEventListener('load', idle, { once: true });
  else idle();
}

type Done = (result: ExportResult) => void;

/** The part of SpanExporter / LogRecordExporter the batch processors use. */
interface ItemExporter<T> {
  export(items: T, done: Done): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/**
 * Stands in for one OTLP exporter until the chunk is loaded: holds each export call (its items
 * and its callback) and hands it to the real exporter once loaded, so nothing recorded before
 * the chunk arrives is lost and the export ledger counts each batch once, when its real outcome
 * is known. Exporter decorators (counting, persistence, unload flushing) wrap it like any exporter.
 */
export class LazyExporter<T> implements ItemExporter<T> {
  private pending: [T, Done][] = [];

  constructor(
    private readonly loader: PipelineLoader,
    private readonly pick: (exporters: OtlpExporters) => ItemExporter<T>,
  ) {}

  export(items: T, done: Done): void {
    const loaded = this.loader.exporters;
    if (loaded) {
      this.pick(loaded).export(items, done);
      return;
    }
    if (this.loader.failure || this.pending.length >= MAX_PENDING_EXPORTS) {
      done({
        code: ExportResultCode.FAILED,
        error: this.loader.failure ?? new Error('export pipeline not loaded yet'),
      });
      return;
    }
    this.pending.push([items, done]);
    if (this.pending.length === 1)
      void this.loader.ready().then(
        () => this.drain(),
        () => this.drain(),
      );
  }

  private drain(): void {
    const held = this.pending;
    this.pending = [];
    for (const [items, done] of held) this.export(items, done);
  }

  async forceFlush(): Promise<void> {
    if (!this.loader.exporters && this.pending.length === 0) return;
    // Held exports are handed over first (drain() was chained on ready() before this await).
    const exporters = await this.loader.ready().catch(() => undefined);
    if (exporters) await this.pick(exporters).forceFlush?.();
  }

  async shutdown(): Promise<void> {
    // Never fetch the chunk only to shut it down: without a held export there is nothing to send.
    if (!this.loader.exporters && this.pending.length === 0) return;
    const exporters = await this.loader.ready().catch(() => undefined);
    if (exporters) await this.pick(exporters).shutdown();
  }
}

/**
 * The OTLP metric exporter's delta preference (its DeltaTemporalitySelector, which otlp-exporters.ts
 * configures): delta for counters, histograms and gauges, cumulative for up-down counters.
 * Restated here because importing it from @opentelemetry/exporter-metrics-otlp-http puts that
 * package's shared code on the critical path; a test checks it against the exporter's answers.
 */
export function deltaTemporality(type: InstrumentType): AggregationTemporality {
  return type === InstrumentType.UP_DOWN_COUNTER || type === InstrumentType.OBSERVABLE_UP_DOWN_COUNTER
    ? AggregationTemporality.CUMULATIVE
    : AggregationTemporality.DELTA;
}

/**
 * The metric reader asks its exporter for the aggregation temporality when it is created, long
 * before the chunk is in: answer with the preference the real exporter will have.
 */
export class LazyMetricExporter implements PushMetricExporter {
  private readonly inner: LazyExporter<ResourceMetrics>;

  constructor(loader: PipelineLoader) {
    this.inner = new LazyExporter(loader, (e) => e.metrics);
  }

  selectAggregationTemporality = deltaTemporality;

  export(metrics: ResourceMetrics, done: Done): void {
    this.inner.export(metrics, done);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
