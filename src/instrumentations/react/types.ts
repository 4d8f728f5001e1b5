import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface ReactRenderInstrumentationConfig extends InstrumentationConfig {
  /**
   * Commits of a RenderBoundary faster than this (actualDuration, ms) are counted in the
   * histogram and the component stats but make no span, to keep span volume sane. Default 0
   * (every commit is a span): `REACT_DEFAULTS.minSpanDurationMs`.
   */
  minSpanDurationMs?: number;
  /** Components tracked in the per-component stats; further ones are not tracked. Default `REACT_DEFAULTS.maxComponents` (500). */
  maxComponents?: number;
  /**
   * Zero-code mode: observe every commit of every component through the React DevTools global
   * hook (production builds too). The instrumentation must be enabled before react-dom loads.
   * Counts renders, re-renders, mounts and unmounts per component and records the keys of changed
   * props; spans only for renders slower than `slowThresholdMs` (durations need a development or
   * profiling build). Default `REACT_DEFAULTS.auto` (false).
   */
  auto?: boolean;
  /** In auto mode, renders at least this slow (ms) become spans. Default `REACT_DEFAULTS.slowThresholdMs` (16, one frame). */
  slowThresholdMs?: number;
  /** In auto mode, fibers visited per commit at most (keeps huge trees cheap). Default `REACT_DEFAULTS.maxFibersPerCommit` (20000). */
  maxFibersPerCommit?: number;
}

/** Per-component render statistics (ms): the framework-neutral shape the overlay reads. */
export type { ComponentRenderStats } from '../../stats/components.js';
