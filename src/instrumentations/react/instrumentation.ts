import {
  context,
  diag,
  trace,
  ValueType,
  type Context,
  type Counter,
  type Histogram,
  type Tracer,
} from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { causeContext } from '../../context/causal.js';
import {
  ATTR_UI_COMPONENT_NAME,
  ATTR_UI_OPERATION,
  ATTR_UI_RENDER_BASE_DURATION_MS,
  ATTR_UI_RENDER_CHANGED_PROPS,
  ATTR_UI_RENDER_PHASE,
  DURATION_BUCKETS_S,
  METRIC_UI_COMPONENT_MOUNTS,
  METRIC_UI_COMPONENT_RENDERS,
  METRIC_UI_COMPONENT_UNMOUNTS,
  METRIC_UI_COMPONENT_RENDER_DURATION,
  OP_COMPONENT_RENDER,
} from '../../semconv.js';
import { VERSION } from '../../version.js';
import { DevToolsCommitObserver, type ObservedRender } from './auto.js';
import { CommitQueue, type RenderPhase } from './commit-queue.js';
import { ComponentStats } from './component-stats.js';
import type { ComponentRenderStats, ReactRenderInstrumentationConfig } from './types.js';
import { checkReactOptions, REACT_DEFAULTS } from './options.js';

export const REACT_SCOPE = 'frametel/react';
let active: ReactRenderInstrumentation | undefined;

/**
 * Register once (`register({ instrumentations: [new ReactRenderInstrumentation()] })`): it gives
 * `<RenderBoundary>` / `withRenderTracing` their tracer and histogram, and keeps per-component
 * stats (`slowestComponents(n)`, `topRerenders(n)`). Without it, boundaries trace through the
 * global tracer provider and keep no stats.
 */
export class ReactRenderInstrumentation extends InstrumentationBase<ReactRenderInstrumentationConfig> {
  declare private histogram: Histogram | undefined;
  declare private on: boolean | undefined;
  declare private stats: ComponentStats | undefined;
  declare private observer: DevToolsCommitObserver | undefined;
  declare private renders: Counter | undefined;
  declare private mounts: Counter | undefined;
  declare private unmounts: Counter | undefined;

  /** Throws FrametelConfigError for a bad option (see ReactRenderInstrumentationConfig, defaults in REACT_DEFAULTS). */
  constructor(config: ReactRenderInstrumentationConfig = {}) {
    super(REACT_SCOPE, VERSION, checkReactOptions(config));
  }

  /** Validates like the constructor: a bad option throws FrametelConfigError and the current config stays. */
  override setConfig(config: ReactRenderInstrumentationConfig = {}): void {
    super.setConfig(checkReactOptions(config));
  }

  protected override init(): void {}

  protected override _updateMetricInstruments(): void {
    this.histogram = this.meter.createHistogram(METRIC_UI_COMPONENT_RENDER_DURATION, {
      unit: 's',
      description: 'Duration of React commits of a traced subtree (Profiler actualDuration)',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
    this.renders = this.meter.createCounter(METRIC_UI_COMPONENT_RENDERS, {
      description: 'Component renders (auto mode)',
      valueType: ValueType.INT,
    });
    this.mounts = this.meter.createCounter(METRIC_UI_COMPONENT_MOUNTS, {
      description: 'Component mounts (auto mode)',
      valueType: ValueType.INT,
    });
    this.unmounts = this.meter.createCounter(METRIC_UI_COMPONENT_UNMOUNTS, {
      description: 'Component unmounts (auto mode)',
      valueType: ValueType.INT,
    });
  }

  override enable(): void {
    this.on = true;
    active = this;
    if (this._config.auto ?? REACT_DEFAULTS.auto) {
      this.observer ??= new DevToolsCommitObserver(
        {
          onRender: (r) => this.recordObserved(r),
          onUnmount: (name) => this.unmounts?.add(1, { [ATTR_UI_COMPONENT_NAME]: name }),
        },
        this._config.maxFibersPerCommit ?? REACT_DEFAULTS.maxFibersPerCommit,
      );
      this.observer.install();
    }
  }

  override disable(): void {
    this.on = false;
    this.observer?.uninstall();
    if (active === this) active = undefined;
  }

  private recordObserved(r: ObservedRender): void {
    const attrs = { [ATTR_UI_COMPONENT_NAME]: r.name, [ATTR_UI_RENDER_PHASE]: r.phase };
    this.renders?.add(1, attrs);
    if (r.phase === 'mount') this.mounts?.add(1, { [ATTR_UI_COMPONENT_NAME]: r.name });
    this.componentStats.record(r.name, r.phase, r.durationMs ?? 0);
    // Components inside a RenderBoundary are timed by the boundary's own span and histogram;
    // counting them here too would double component.render in stats and budgets.
    if (r.durationMs === undefined || r.insideBoundary) return;
    this.histogram?.record(r.durationMs / 1000, attrs);
    if (r.durationMs < (this._config.slowThresholdMs ?? REACT_DEFAULTS.slowThresholdMs)) return;
    const end = performance.timeOrigin + performance.now();
    const span = this.tracer.startSpan(
      `render ${r.name}`,
      {
        startTime: end - r.durationMs,
        attributes: {
          [ATTR_UI_OPERATION]: OP_COMPONENT_RENDER,
          ...attrs,
          [ATTR_UI_RENDER_CHANGED_PROPS]: r.changedProps,
        },
      },
      causeContext(performance.now() - r.durationMs) ?? context.active(),
    );
    span.end(end);
  }

  private get componentStats(): ComponentStats {
    return (this.stats ??= new ComponentStats(this._config.maxComponents ?? REACT_DEFAULTS.maxComponents));
  }

  /** The n traced components with the highest average commit time (ms). */
  slowestComponents(n = 10): ComponentRenderStats[] {
    flushRenderCommits();
    return this.componentStats.slowest(n);
  }

  /** The n traced components re-rendered most often. */
  topRerenders(n = 10): ComponentRenderStats[] {
    flushRenderCommits();
    return this.componentStats.topRerenders(n);
  }

  /** In `ft.diagnostics().instrumentations['frametel/react']`: components not tracked past `maxComponents`. */
  diagnostics(): { componentRendersDropped: number } {
    flushRenderCommits();
    return { componentRendersDropped: this.stats?.dropped ?? 0 };
  }

  /** Makes the spans of commits still waiting for the idle task now (ft.forceFlush() calls it). */
  flushPending(): void {
    flushRenderCommits();
  }

  /**
   * @internal Histogram, component stats and (past minSpanDurationMs) the span of one
   * RenderBoundary commit; the commit queue calls it with the parent fixed at commit time.
   */
  record(
    name: string,
    phase: RenderPhase,
    actualDuration: number,
    baseDuration: number,
    startTime: number,
    parent: Context = causeContext(startTime) ?? context.active(),
  ): void {
    this.componentStats.record(name, phase, actualDuration);
    this.histogram?.record(actualDuration / 1000, { [ATTR_UI_COMPONENT_NAME]: name, [ATTR_UI_RENDER_PHASE]: phase });
    if (actualDuration >= (this._config.minSpanDurationMs ?? REACT_DEFAULTS.minSpanDurationMs))
      emitRenderSpan(this.tracer, name, phase, actualDuration, baseDuration, startTime, parent);
  }
}

function emitRenderSpan(
  tracer: Tracer,
  name: string,
  phase: RenderPhase,
  actualDuration: number,
  baseDuration: number,
  startTime: number,
  parent: Context,
): void {
  // The real render window: React's own start time and duration, moved to the epoch clock. Given
  // as HrTime, converted exactly as the SDK would convert the epoch ms, so the SDK takes it as is
  // (a number costs it a performance.now() call per timestamp to tell the clocks apart).
  const start = performance.timeOrigin + startTime;
  const span = tracer.startSpan(
    `render ${name}`,
    {
      startTime: millisToHrTime(start),
      attributes: {
        [ATTR_UI_OPERATION]: OP_COMPONENT_RENDER,
        [ATTR_UI_COMPONENT_NAME]: name,
        [ATTR_UI_RENDER_PHASE]: phase,
        [ATTR_UI_RENDER_BASE_DURATION_MS]: baseDuration,
      },
    },
    parent,
  );
  span.end(millisToHrTime(start + actualDuration));
}

const commits = new CommitQueue<ReactRenderInstrumentation>((name, phase, actual, base, start, parent, target) => {
  if (target) target.record(name, phase, actual, base, start, parent);
  // Looked up each time: the global provider may be replaced (register() again, shutdown).
  else emitRenderSpan(trace.getTracer(REACT_SCOPE, VERSION), name, phase, actual, base, start, parent);
});

/**
 * Records one Profiler commit; never throws into React's commit phase. Only the parent is
 * resolved here (the active context and the noted cause are facts of this moment); the span,
 * histogram, stats and budget check are made in a batched idle task (commit-queue.ts). The
 * arguments are the Profiler callback's own, so nothing is allocated per commit.
 */
export function recordRenderCommit(
  name: string,
  phase: RenderPhase,
  actualDuration: number,
  baseDuration: number,
  startTime: number,
): void {
  try {
    commits.push(
      name,
      phase,
      actualDuration,
      baseDuration,
      startTime,
      causeContext(startTime) ?? context.active(),
      active,
    );
  } catch (error) {
    diag.error('frametel react: could not record a render', error);
  }
}

/**
 * Makes the spans of all RenderBoundary commits still waiting for the idle task, now. Called by
 * `ft.forceFlush()`, `slowestComponents()` and `topRerenders()`; call it yourself before reading
 * spans of a render straight after it (tests).
 */
export function flushRenderCommits(): void {
  commits.drain();
}
