import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
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
 * Loads the pipeline chunk once, on the first of: the page's `load` event followed by an idle
 * period (never competing with first paint), the page being hidden (`visibilitychange` → hidden,
 * `pagehide`: the user may be leaving), an export, a flush, an important record (the stand-in
 * logger's first WARN or above). A failed load is counted in
 * `diagnostics().exportPipelineLoadFailures` and retried once after PIPELINE_RETRY_DELAY_MS;
 * after a second failure every held and later export fails (and is counted as failed).
 */
export class PipelineLoader<T = OtlpExporters> {
  private promise: Promise<T> | undefined;
  /** Set once the chunk is in: exports go straight through, no promise hop. */
  exporters: T | undefined;
  failure: Error | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly diagnostics: Diagnostics,
    /** Called once when the retry failed too: holders of records must count them as lost. */
    private readonly onGiveUp?: () => void,
  ) {}

  /**
   * Starts the load when the page is loaded and idle (in Node / workers: on the next tick), or
   * at once when the page is hidden before that.
   */
  loadWhenIdle(): void {
    const now = () => void this.ready().catch(() => {});
    afterLoadAndIdle(now);
    onFirstHide(now);
  }

  ready(): Promise<T> {
    this.promise ??= this.attempt().catch(async (first: unknown) => {
      this.countFailure(first);
      await new Promise((resolve) => setTimeout(resolve, PIPELINE_RETRY_DELAY_MS));
      return this.attempt().catch((second: unknown) => {
        this.countFailure(second);
        this.failure = second instanceof Error ? second : new Error(String(second));
        this.onGiveUp?.();
        throw this.failure;
      });
    });
    return this.promise;
  }

  private async attempt(): Promise<T> {
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

/** Calls fn once, on the first `visibilitychange` to hidden or `pagehide`, whichever comes first. */
function onFirstHide(fn: () => void): void {
  const g = globalThis as {
    document?: Document;
    addEventListener?: typeof addEventListener;
    removeEventListener?: typeof removeEventListener;
  };
  const doc = g.document;
  if (!g.addEventListener) return;
  const hidden = () => {
    if (doc?.visibilityState !== 'hidden') return;
    off();
    fn();
  };
  const gone = () => {
    off();
    fn();
  };
  const off = () => {
    doc?.removeEventListener?.('visibilitychange', hidden);
    g.removeEventListener?.('pagehide', gone);
  };
  doc?.addEventListener?.('visibilitychange', hidden);
  g.addEventListener('pagehide', gone);
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
export class LazyExporter<T, P = OtlpExporters> implements ItemExporter<T> {
  private pending: [T, Done][] = [];

  constructor(
    private readonly loader: PipelineLoader<P>,
    private readonly pick: (exporters: P) => ItemExporter<T>,
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
