import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface ReactRenderInstrumentationConfig extends InstrumentationConfig {
  /**
   * Commits of a RenderBoundary faster than this (actualDuration, ms) are counted in the
   * histogram and the component stats but make no span, to keep span volume sane. Default 0
   * (every commit is a span).
   */
  minSpanDurationMs?: number;
  /** Components tracked in the per-component stats; further ones are not tracked. Default 500. */
  maxComponents?: number;
}

/** Per-component render statistics (ms). */
export interface ComponentRenderStats {
  name: string;
  /** Commits of any phase. */
  renders: number;
  mounts: number;
  /** update + nested-update commits: re-renders. */
  rerenders: number;
  totalMs: number;
  maxMs: number;
  avgMs: number;
  lastMs: number;
}
