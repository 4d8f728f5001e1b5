import type { StatsSketch } from './typed-store.js';

/** typed-store.ts's createSketch, passed in so this module does not import the sketch library. */
export type SketchFactory = (relativeAccuracy: number, binLimit: number) => StatsSketch;

/**
 * Samples held, over all operations, while the sketch code has not arrived (OperationStatsBase
 * without a factory): 8 B each. Past it a sample is dropped and counted in `droppedSamples`.
 */
export const MAX_RAW_SAMPLES = 8192;

/** One operation's statistics (all times in ms), the product spec's OperationMetrics. */
export interface OperationMetrics {
  operation: string;
  count: number;
  avgTime: number;
  minTime: number;
  maxTime: number;
  totalTime: number;
  p50: number;
  p95: number;
  p99: number;
  /** Epoch ms when the operation last ended. */
  lastExecuted: number;
  /** Budget violations recorded for this operation. */
  violations: number;
}

export interface OperationStatsOptions {
  /** Relative accuracy of p50/p95/p99. Default 0.01 (1 %). */
  relativeAccuracy?: number;
  /**
   * Sketch bins kept per operation; past it the lowest bins collapse, so memory per operation
   * is bounded whatever the count. At 1 % accuracy 1024 bins cover a 1 : 10^8 range of
   * durations before any collapse. Default 1024.
   */
  binLimit?: number;
  /** Distinct operations tracked; samples of further ones are dropped and counted in `droppedSamples` (diagnostics().statsSamplesDropped). Default 500. */
  maxOperations?: number;
}

interface Entry {
  /** The sketch, once the sketch code is in. */
  sketch: StatsSketch | undefined;
  /** Until then, the samples themselves (ms, ≥ 0). */
  raw: number[] | undefined;
  lastExecuted: number;
  violations: number;
}

export const STATS_DEFAULTS = { relativeAccuracy: 0.01, binLimit: 1024, maxOperations: 500 } as const;

/**
 * Per-operation duration statistics backed by DDSketch (relative-error quantile sketch,
 * @datadog/sketches-js, counts in a typed-array store: typed-store.ts): O(1) record, bounded memory.
 *
 * The sketch code (≈ 4 KB gz) is given as a factory, now (OperationStats) or later
 * (`adoptSketches`: register() gets it with the lazily loaded pipeline chunk, off the critical
 * path). Until then the samples themselves are kept (at most MAX_RAW_SAMPLES) and the statistics
 * are computed from them exactly — the same nearest-rank definition the sketch approximates to
 * `relativeAccuracy` — so ft.stats answers synchronously and correctly at any time. When the
 * factory arrives every kept sample goes into its operation's sketch, in order.
 */
export class OperationStatsBase {
  private readonly entries = new Map<string, Entry>();
  private readonly relativeAccuracy: number;
  private readonly binLimit: number;
  private readonly maxOperations: number;
  private rawSamples = 0;
  /**
   * Samples of operations that arrived after `maxOperations` distinct ones were tracked, or while
   * MAX_RAW_SAMPLES samples were already waiting for the sketch code.
   */
  droppedSamples = 0;

  constructor(
    options: OperationStatsOptions = {},
    private sketches?: SketchFactory,
    /** Called when the raw samples reach their bound (register() loads the sketch code at once). */
    private readonly onRawFull?: () => void,
  ) {
    this.relativeAccuracy = options.relativeAccuracy ?? STATS_DEFAULTS.relativeAccuracy;
    this.binLimit = options.binLimit ?? STATS_DEFAULTS.binLimit;
    this.maxOperations = options.maxOperations ?? STATS_DEFAULTS.maxOperations;
  }

  /** The sketch code is in: every operation's kept samples go into its sketch. */
  adoptSketches(factory: SketchFactory): void {
    if (this.sketches) return;
    this.sketches = factory;
    for (const entry of this.entries.values()) {
      entry.sketch = factory(this.relativeAccuracy, this.binLimit);
      for (const ms of entry.raw ?? []) entry.sketch.accept(ms);
      entry.raw = undefined;
    }
    this.rawSamples = 0;
  }

  /** Records one execution of `operation` that took `durationMs` and ended at `endedAt` (epoch ms). */
  record(operation: string, durationMs: number, endedAt: number = Date.now()): void {
    const entry = this.entry(operation);
    if (entry === undefined) return;
    if (entry.sketch) entry.sketch.accept(Math.max(durationMs, 0));
    else if (this.rawSamples >= MAX_RAW_SAMPLES) {
      this.droppedSamples++;
      if (this.rawSamples++ === MAX_RAW_SAMPLES) this.onRawFull?.();
      return;
    } else {
      this.rawSamples++;
      entry.raw!.push(Math.max(durationMs, 0));
    }
    if (endedAt > entry.lastExecuted) entry.lastExecuted = endedAt;
  }

  recordViolation(operation: string): void {
    const entry = this.entry(operation);
    if (entry !== undefined) entry.violations++;
  }

  /** Statistics of one operation, or undefined if it never ran. */
  get(operation: string): OperationMetrics | undefined {
    const entry = this.entries.get(operation);
    return entry && countOf(entry) > 0 ? toMetrics(operation, entry) : undefined;
  }

  /** Statistics of every operation that ran, sorted by operation key. */
  all(): OperationMetrics[] {
    const out: OperationMetrics[] = [];
    for (const [operation, entry] of this.entries) {
      if (countOf(entry) > 0) out.push(toMetrics(operation, entry));
    }
    return out.sort((a, b) => (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0));
  }

  /** Forgets everything (e.g. between test runs or on a route change). */
  reset(): void {
    this.entries.clear();
    this.droppedSamples = 0;
    this.rawSamples = 0;
  }

  private entry(operation: string): Entry | undefined {
    let entry = this.entries.get(operation);
    if (entry === undefined) {
      if (this.entries.size >= this.maxOperations) {
        this.droppedSamples++;
        return undefined;
      }
      const sketch = this.sketches?.(this.relativeAccuracy, this.binLimit);
      entry = { sketch, raw: sketch ? undefined : [], lastExecuted: 0, violations: 0 };
      this.entries.set(operation, entry);
    }
    return entry;
  }
}

const countOf = (entry: Entry) => entry.sketch?.count ?? entry.raw?.length ?? 0;

/** Count, sum, extremes and nearest-rank percentiles of one operation's durations. */
type Summary = Pick<StatsSketch, 'count' | 'sum' | 'min' | 'max' | 'percentile'>;

/** Exact statistics of the kept samples: nearest-rank pN = the value at rank ceil(N% · count). */
function fromRaw(raw: number[]): Summary {
  const sorted = raw.slice().sort((a, b) => a - b);
  const n = sorted.length;
  let sum = 0;
  for (const ms of raw) sum += ms;
  return {
    count: n,
    sum,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    percentile: (quantile) => sorted[Math.max(0, Math.ceil(quantile * n) - 1)]!,
  };
}

/** From the sketch (its percentile(): typed-store.ts), or exactly from the samples kept until then. */
function toMetrics(operation: string, { sketch, raw, lastExecuted, violations }: Entry): OperationMetrics {
  const s: Summary = sketch ?? fromRaw(raw ?? []);
  return {
    operation,
    count: s.count,
    avgTime: s.sum / s.count,
    minTime: s.min,
    maxTime: s.max,
    totalTime: s.sum,
    p50: s.percentile(0.5),
    p95: s.percentile(0.95),
    p99: s.percentile(0.99),
    lastExecuted,
    violations,
  };
}
