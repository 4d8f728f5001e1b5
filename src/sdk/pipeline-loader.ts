import { diag } from '@opentelemetry/api';
import type { Diagnostics } from '../diagnostics.js';

/** Wait before the one retry of a failed chunk load (a flaky network, a deploy swapping chunks). */
export const PIPELINE_RETRY_DELAY_MS = 1000;

/**
 * Loads the pipeline chunk once, on the first of: the page's `load` event followed by an idle
 * period (never competing with first paint), the page being hidden (`visibilitychange` → hidden,
 * `pagehide`: the user may be leaving), an export, a flush, an important record (the stand-in
 * logger's first WARN or above, half of a holder's bound). A failed load is counted in
 * `diagnostics().exportPipelineLoadFailures` and retried once after PIPELINE_RETRY_DELAY_MS;
 * after a second failure `onGiveUp` lets the holders count what they hold, and will be given, as
 * lost.
 */
export class PipelineLoader<T> {
  private promise: Promise<T> | undefined;

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
        this.onGiveUp?.();
        throw second instanceof Error ? second : new Error(String(second));
      });
    });
    return this.promise;
  }

  /** A load that throws synchronously fails like one that rejects. */
  private async attempt(): Promise<T> {
    return this.load();
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
