import { diag, type Context } from '@opentelemetry/api';

/**
 * Commits held before their spans are made. Past it the queue is drained synchronously, on the
 * commit that filled it: a burst of commits costs its spans at once rather than losing any.
 */
export const MAX_PENDING_COMMITS = 512;
/** Longest an idle callback may wait before the browser must run it (ms). */
export const DRAIN_TIMEOUT_MS = 1000;

/** React's Profiler phases. */
export type RenderPhase = 'mount' | 'update' | 'nested-update';

type Schedule = (fn: () => void) => void;

/** Slots per queued commit: the seven arguments of ProcessCommit. */
const STRIDE = 7;

/** What the idle task does with one commit: the Profiler's values, the parent and the owner fixed at commit time. */
export type ProcessCommit<T> = (
  name: string,
  phase: RenderPhase,
  actualDuration: number,
  baseDuration: number,
  startTime: number,
  parent: Context,
  target: T | undefined,
) => void;

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
  /**
   * Queued commits, flat: STRIDE slots per commit (the ProcessCommit arguments in order). A
   * commit appends to one array and allocates no object of its own, so React's commit phase
   * makes no garbage; a batch costs one array.
   */
  private pending: unknown[] = [];
  private scheduled = false;

  constructor(
    private readonly process: ProcessCommit<T>,
    private readonly schedule: Schedule = scheduleIdle,
  ) {}

  get size(): number {
    return this.pending.length / STRIDE;
  }

  push(
    name: string,
    phase: RenderPhase,
    actualDuration: number,
    baseDuration: number,
    startTime: number,
    parent: Context,
    target: T | undefined,
  ): void {
    const n = this.pending.push(name, phase, actualDuration, baseDuration, startTime, parent, target);
    if (n >= MAX_PENDING_COMMITS * STRIDE) this.drain();
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
    const b = this.pending;
    if (b.length === 0) return;
    this.pending = [];
    for (let i = 0; i < b.length; i += STRIDE) {
      try {
        this.process(
          b[i] as string,
          b[i + 1] as RenderPhase,
          b[i + 2] as number,
          b[i + 3] as number,
          b[i + 4] as number,
          b[i + 5] as Context,
          b[i + 6] as T | undefined,
        );
      } catch (error) {
        diag.error('frametel react: could not record a render', error);
      }
    }
  }
}
