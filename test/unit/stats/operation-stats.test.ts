import { describe, expect, it } from 'vitest';
import { MAX_RAW_SAMPLES, OperationStats, OperationStatsBase } from '../../../src/stats/operation-stats.js';
import { createSketch } from '../../../src/stats/typed-store.js';

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 120_000;
const distributions: Record<string, (r: () => number) => number> = {
  'uniform 1..50 ms': (r) => 1 + 49 * r(),
  'exponential, mean 8 ms': (r) => -8 * Math.log(1 - r()),
  'log-normal around 16 ms (render-like)': (r) => {
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    return 16 * Math.exp(0.6 * z);
  },
  'bimodal: cache hits 0.05 ms, misses 120 ms': (r) => (r() < 0.9 ? 0.05 + 0.01 * r() : 100 + 40 * r()),
  'pareto heavy tail (α=1.5, from 2 ms)': (r) => 2 / (1 - r()) ** (1 / 1.5),
};

/** Exact nearest-rank percentile: the value at rank ceil(q·n) of the sorted samples. */
function exactQuantile(sorted: Float64Array, q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

describe('OperationStats percentiles', () => {
  it.each(Object.entries(distributions))('p50/p95/p99 within 1%% of exact for %s (120k samples)', (_name, draw) => {
    const r = rng(42);
    const stats = new OperationStats();
    const samples = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      samples[i] = draw(r);
      stats.record('op', samples[i]!, 1_000 + i);
    }
    const sorted = samples.slice().sort();
    const m = stats.get('op')!;
    for (const [q, got] of [
      [0.5, m.p50],
      [0.95, m.p95],
      [0.99, m.p99],
    ] as const) {
      const exact = exactQuantile(sorted, q);
      expect(Math.abs(got - exact) / exact, `q=${q}: sketch ${got}, exact ${exact}`).toBeLessThanOrEqual(0.01);
    }
    // count, min, max, sum are exact, not sketched
    const sum = samples.reduce((a, b) => a + b, 0);
    expect(m.count).toBe(N);
    expect(m.minTime).toBe(sorted[0]);
    expect(m.maxTime).toBe(sorted[N - 1]);
    expect(m.totalTime).toBeCloseTo(sum, 3);
    expect(m.avgTime).toBeCloseTo(sum / N, 6);
    expect(m.lastExecuted).toBe(1_000 + N - 1);
  });

  it('a single sample is every percentile, and p99 never exceeds the slowest run', () => {
    const stats = new OperationStats();
    stats.record('once', 12.5, 5);
    expect(stats.get('once')).toEqual({
      operation: 'once',
      count: 1,
      avgTime: 12.5,
      minTime: 12.5,
      maxTime: 12.5,
      totalTime: 12.5,
      p50: 12.5,
      p95: 12.5,
      p99: 12.5,
      lastExecuted: 5,
      violations: 0,
    });
  });

  it('nearest-rank percentiles: with a handful of runs, p95 and p99 show the slow one, not the median', () => {
    const stats = new OperationStats();
    for (const ms of [8, 9, 272]) stats.record('table.sort', ms);
    const m = stats.get('table.sort')!;
    expect(Math.abs(m.p50 - 9) / 9).toBeLessThanOrEqual(0.01);
    expect(m.p95).toBe(272);
    expect(m.p99).toBe(272);
    const twenty = new OperationStats();
    for (let i = 1; i <= 20; i++) twenty.record('op', i);
    const t = twenty.get('op')!;
    expect(Math.abs(t.p95 - 19) / 19).toBeLessThanOrEqual(0.01); // rank ceil(0.95·20) = 19
    expect(t.p50).toBeCloseTo(10, 0); // rank 10
  });

  it('records zero and negative (clock skew) durations as 0 ms', () => {
    const stats = new OperationStats();
    stats.record('op', 0);
    stats.record('op', -3);
    stats.record('op', 4);
    const m = stats.get('op')!;
    expect(m.minTime).toBe(0);
    expect(m.p50).toBe(0);
    expect(m.count).toBe(3);
  });
});

describe('OperationStats memory and bookkeeping', () => {
  it('keeps at most binLimit sketch bins per operation whatever the spread of durations', () => {
    const stats = new OperationStats({ binLimit: 256 });
    const r = rng(7);
    // 1 µs .. 10^7 ms: needs ~1500 bins at 1% accuracy, so the lowest ones must collapse.
    for (let i = 0; i < 200_000; i++) stats.record('wide', 10 ** (-3 + 10 * r()));
    const entry = (stats as unknown as { entries: Map<string, { sketch: { store: { bins: number[] } } }> }).entries.get(
      'wide',
    )!;
    expect(entry.sketch.store.bins.length).toBeLessThanOrEqual(256);
    // Collapsing the LOWEST bins keeps the high percentiles (the ones budgets care about) accurate.
    const m = stats.get('wide')!;
    expect(m.p99).toBeGreaterThan(1e6);
  });

  it('tracks at most maxOperations operations and counts the samples it drops', () => {
    const stats = new OperationStats({ maxOperations: 3 });
    for (const op of ['a', 'b', 'c', 'd', 'e']) stats.record(op, 1);
    stats.record('d', 1);
    stats.recordViolation('e');
    expect(stats.all().map((m) => m.operation)).toEqual(['a', 'b', 'c']);
    expect(stats.get('d')).toBeUndefined();
    expect(stats.droppedSamples).toBe(4);
  });

  it('all() is sorted by operation key and counts violations per operation', () => {
    const stats = new OperationStats();
    stats.record('table.sort', 60);
    stats.record('component.render', 3);
    stats.recordViolation('table.sort');
    stats.recordViolation('table.sort');
    expect(stats.all().map((m) => [m.operation, m.violations])).toEqual([
      ['component.render', 0],
      ['table.sort', 2],
    ]);
  });

  it('reset() forgets samples and the drop count', () => {
    const stats = new OperationStats({ maxOperations: 1 });
    stats.record('a', 1);
    stats.record('b', 1);
    stats.reset();
    expect(stats.all()).toEqual([]);
    expect(stats.droppedSamples).toBe(0);
    stats.record('b', 2);
    expect(stats.get('b')?.count).toBe(1);
  });
});

describe('OperationStatsBase before the sketch code arrives (register() gets it with the pipeline chunk)', () => {
  it('answers synchronously from the kept samples, exactly (nearest rank), then hands them to the sketches', () => {
    const deferred = new OperationStatsBase();
    const eager = new OperationStats();
    const r = rng(3);
    const samples: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const ms = -8 * Math.log(1 - r());
      samples.push(ms);
      deferred.record('op', ms, 10 + i);
      eager.record('op', ms, 10 + i);
    }
    deferred.record('op', -1, 5); // clock skew: 0 ms, and an older end time does not win
    eager.record('op', -1, 5);
    samples.push(0);
    const sorted = Float64Array.from(samples).sort();
    const before = deferred.get('op')!;
    expect(before).toMatchObject({
      count: 2001,
      minTime: 0,
      maxTime: sorted[2000],
      p50: exactQuantile(sorted, 0.5),
      p95: exactQuantile(sorted, 0.95),
      p99: exactQuantile(sorted, 0.99),
      lastExecuted: 2009,
    });
    expect(before.totalTime).toBeCloseTo(
      samples.reduce((a, b) => a + b, 0),
      6,
    );

    deferred.adoptSketches(createSketch);
    // Now the same numbers as stats sketched from the first sample (the samples went in in order).
    expect(deferred.get('op')).toEqual(eager.get('op'));
    deferred.record('op', 3, 3000);
    eager.record('op', 3, 3000);
    expect(deferred.all()).toEqual(eager.all());
  });

  it(`keeps at most MAX_RAW_SAMPLES samples: past it drops and counts them, and asks for the sketch code once`, () => {
    let asked = 0;
    const stats = new OperationStatsBase({}, undefined, () => asked++);
    for (let i = 0; i < MAX_RAW_SAMPLES + 10; i++) stats.record(i % 2 ? 'a' : 'b', 1);
    expect(stats.droppedSamples).toBe(10);
    expect(asked).toBe(1);
    expect(stats.get('a')!.count + stats.get('b')!.count).toBe(MAX_RAW_SAMPLES);
    stats.adoptSketches(createSketch);
    stats.record('a', 1);
    expect(stats.get('a')!.count + stats.get('b')!.count).toBe(MAX_RAW_SAMPLES + 1);
    expect(stats.droppedSamples).toBe(10);
    expect(asked).toBe(1);
  });
});
