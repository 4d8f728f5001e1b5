import { LogCollapsingLowestDenseDDSketch } from '@datadog/sketches-js';
import { describe, expect, it } from 'vitest';
import { createSketch, TypedCollapsingLowestDenseStore } from '../../../src/stats/typed-store.js';

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

const QUANTILES = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

/** Feeds the same values to the library's sketch and the typed one; every quantile must agree exactly. */
function expectSameAsLibrary(values: number[], binLimit: number): void {
  const reference = new LogCollapsingLowestDenseDDSketch({ relativeAccuracy: 0.01, binLimit });
  const typed = createSketch(0.01, binLimit);
  for (const v of values) {
    reference.accept(v);
    typed.accept(v);
  }
  for (const q of QUANTILES) expect(typed.getValueAtQuantile(q), `q=${q}`).toBe(reference.getValueAtQuantile(q));
  expect(typed.count).toBe(reference.count);
  expect(typed.store.bins).toBeInstanceOf(Uint32Array);
  expect(typed.store.minKey).toBe(reference.store.minKey);
  expect(typed.store.maxKey).toBe(reference.store.maxKey);
}

describe('TypedCollapsingLowestDenseStore: the library store with counts in a typed array', () => {
  it('gives exactly the library sketch quantiles for log-normal durations', () => {
    const r = rng(7);
    const values = Array.from({ length: 50_000 }, () => {
      const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
      return 16 * Math.exp(1.2 * z);
    });
    expectSameAsLibrary(values, 1024);
  });

  it('grows down and up, shifting bins both ways (descending then ascending far keys)', () => {
    const values = [50, 40, 30, 20, 10, 5, 1, 0.5, 0.1, 0.01, 100, 1_000, 10_000, 100_000, 3, 3, 3];
    expectSameAsLibrary(values, 4096);
    expectSameAsLibrary([...values].reverse(), 4096);
  });

  it('collapses the lowest bins exactly like the library once binLimit is reached', () => {
    const r = rng(3);
    // 1e-3 .. 1e5 ms at 1 % is ~1800 keys: far past a 200-bin limit, both from below and from above.
    const values = Array.from({ length: 20_000 }, () => 10 ** (8 * r() - 3));
    expectSameAsLibrary(values, 200);
    expectSameAsLibrary(
      values.sort((a, b) => b - a),
      200,
    );
  });

  it('keeps bins within chunks of 32, not the library’s 128', () => {
    const sketch = createSketch(0.01, 1024);
    sketch.accept(16);
    expect(sketch.store.bins.length).toBe(32);
  });

  it('widens to Float64Array instead of wrapping a count past 2^32 − 1', () => {
    const store = new TypedCollapsingLowestDenseStore(64);
    store.add(10, 0xffff_ffff);
    expect(store.bins).toBeInstanceOf(Uint32Array);
    store.add(10, 2);
    store.add(11, 0.5);
    expect(store.bins).toBeInstanceOf(Float64Array);
    expect(store.bins[10 - store.offset]).toBe(0xffff_ffff + 2);
    expect(store.bins[11 - store.offset]).toBe(0.5);
    expect(store.count).toBe(0xffff_ffff + 2.5);
    expect(store.keyAtRank(0xffff_ffff + 1)).toBe(10);
    expect(store.keyAtRank(0xffff_ffff + 2.2)).toBe(11);
  });

  it('copy() keeps the counts and gives the copy its own bins', () => {
    const a = new TypedCollapsingLowestDenseStore(64);
    for (const k of [3, 4, 4, 9]) a.add(k);
    const b = new TypedCollapsingLowestDenseStore(64);
    b.copy(a);
    a.add(4);
    expect(b.count).toBe(4);
    expect(b.keyAtRank(2)).toBe(4);
    expect(b.keyAtRank(3)).toBe(9);
    expect(b.bins[4 - b.offset]).toBe(2);
  });
});
