import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface MemoryInstrumentationConfig extends InstrumentationConfig {
  /** Take a heap snapshot (for the growth rate) this often while enabled; 0 turns the timer off. Default 10000 ms. */
  snapshotIntervalMs?: number;
  /** Growth rate (bytes/min) above which growth counts as sustained. Default 1 MiB/min. */
  growthThresholdBytesPerMin?: number;
  /** Consecutive snapshots over the threshold before `ui.memory.growth` is emitted. Default 6. */
  sustainedSnapshots?: number;
  /** Count live event listeners by patching EventTarget#addEventListener/removeEventListener. Default false. */
  countListeners?: boolean;
}

/** An object that was disposed (unmounted, removed) but is still reachable. */
export interface SuspectedLeak {
  kind: string;
  name: string;
  /** ms since markDisposed(). */
  disposedForMs: number;
}

export interface HeapSnapshot {
  /** Epoch ms. */
  at: number;
  bytes: number;
}
