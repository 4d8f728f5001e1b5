import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface MemoryInstrumentationConfig extends InstrumentationConfig {
  /**
   * Take a heap snapshot (for the growth rate) this often while enabled, and refresh the
   * measureUserAgentSpecificMemory figure on cross-origin isolated pages; 0 turns the timer off.
   * Default `MEMORY_DEFAULTS.snapshotIntervalMs` (10000 ms).
   */
  snapshotIntervalMs?: number;
  /** Growth rate (bytes/min) above which growth counts as sustained. Default `MEMORY_DEFAULTS.growthThresholdBytesPerMin` (1 MiB/min). */
  growthThresholdBytesPerMin?: number;
  /** Consecutive snapshots over the threshold before `ui.memory.growth` is emitted, ≥ 1. Default `MEMORY_DEFAULTS.sustainedSnapshots` (6). */
  sustainedSnapshots?: number;
  /**
   * Count live event listeners (`ui.memory.listeners`) by patching EventTarget#addEventListener /
   * removeEventListener; disable() puts the originals back. One per (target, type, capture,
   * callback), like the DOM; targets that are collected drop out. `once` listeners that fired
   * and listeners removed by an AbortSignal stay counted until their target is collected.
   * Default `MEMORY_DEFAULTS.countListeners` (false).
   */
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
