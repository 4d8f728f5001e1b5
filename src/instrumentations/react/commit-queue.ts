import { diag } from '@opentelemetry/api';

/**
 * Commits held before their spans are made. Past it the queue is drained synchronously, on the
 * commit that filled it: a burst of commits costs its spans at once rather than losing any.
 */
export const MAX_PENDING_COMMITS = 512;
/** Longest an idle callback may wait before the browser must run it (ms). */
export const DRAIN_TIMEOUT_MS = 1000;

type Schedule = (fn: () => void) => void;

/** requestIdleCallback (with a deadline) where there is one, else a timer: never inside the commit. */
const scheduleIdle: Schedule = (fn) => {
  const ric = (globalThis as { requestIdleCallback?: (fn: () => void, o: { timeout: number }) => void })
    .requestIdleCallback;
  if (typeof ric === 'function') ric(fn, { timeout: DRAIN_TIMEOUT_MS });
  else setTimeout(fn, 0);
};

/**
 * The seam that takes span creation off React's commit: the Profiler callback only appends what
 * it was told (plus the parent context, which must be read at commit time) and the spans,
 * histograms, stats and budget checks are made in one batched idle task, with the commit's own
 * start and end times. `drain()` runs the pending work at once (ft.forceFlush(), queries).
 */
export class CommitQueue<T> {
  private pending: T[] = [];
  private scheduled = false;

  constructor(
    private readonly process: (item: T) => void,
    private readonly schedule: Schedule = scheduleIdle,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  push(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= MAX_PENDING_COMMITS) this.drain();
    else if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.drain();
      });
    }
  }

  drain(): void {
    // Swap first: work done while draining (a listener rendering) queues for the next batch.
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    for (const item of batch) {
      try {
        this.process(item);
      } catch (error) {
        diag.error('frametel react: could not record a render', error);
      }
    }
  }
}
