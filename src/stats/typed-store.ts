import { CollapsingLowestDenseStore, DDSketch } from './sketch.js';

/** Bins are grown this many at a time (the library's default is 128: up to 127 unused bins). */
const CHUNK_SIZE = 32;

type Bins = Uint32Array | Float64Array;

/**
 * @datadog/sketches-js's CollapsingLowestDenseStore (same keys, same collapsing, same quantiles)
 * with its counts in a typed array instead of a plain JS array. Why: the library grows `bins`
 * with `push(...)`, so V8 keeps 8 bytes per bin plus spare capacity; a Uint32Array sized exactly
 * to the chunks holds a count in 4 bytes, which is what brings a 1 %-accurate sketch of a
 * realistic spread of durations (600+ bins) under 4 KB. An add whose count would not fit a
 * Uint32 (more than 4·10⁹ samples in one bin, or a fractional weight) switches the store to a
 * Float64Array, so a count is never wrapped or truncated silently.
 *
 * Only the methods that create, resize or shift `bins` are replaced; every other method
 * (add, keyAtRank, merge, _adjust, _getIndex) is the library's and works on any indexable array.
 */
export class TypedCollapsingLowestDenseStore extends CollapsingLowestDenseStore {
  declare bins: number[];

  constructor(binLimit: number) {
    super(binLimit, CHUNK_SIZE);
    this.bins = new Uint32Array(0) as unknown as number[];
  }

  override add(key: number, weight = 1): void {
    const index = this._getIndex(key);
    const bins = this.bins as unknown as Bins;
    const next = bins[index]! + weight;
    bins[index] = next;
    // A Uint32Array wraps or truncates silently: read back and widen if the value did not fit.
    if (bins[index] !== next) {
      this.bins = Float64Array.from(bins) as unknown as number[];
      this.bins[index] = next;
    }
    this.count += weight;
  }

  override copy(store: CollapsingLowestDenseStore): void {
    super.copy(store);
    this.bins = (store.bins instanceof Uint32Array || store.bins instanceof Float64Array
      ? store.bins.slice()
      : Float64Array.from(store.bins)) as unknown as number[];
  }

  override _shiftBins(shift: number): void {
    const bins = this.bins as unknown as Bins;
    const n = bins.length;
    if (shift > 0) {
      bins.copyWithin(shift, 0, n - shift);
      bins.fill(0, 0, Math.min(shift, n));
    } else if (shift < 0) {
      bins.copyWithin(0, -shift);
      bins.fill(0, Math.max(0, n + shift));
    }
    this.offset -= shift;
  }

  override _extendRange(key: number, secondKey?: number): void {
    const second = secondKey ?? key;
    const newMinKey = Math.min(key, second, this.minKey);
    const newMaxKey = Math.max(key, second, this.maxKey);
    const bins = this.bins as unknown as Bins;
    if (bins.length === 0) {
      this.bins = new Uint32Array(this._getNewLength(newMinKey, newMaxKey)) as unknown as number[];
      this.offset = newMinKey;
      this._adjust(newMinKey, newMaxKey);
    } else if (newMinKey >= this.minKey && newMaxKey < this.offset + bins.length) {
      this.minKey = newMinKey;
      this.maxKey = newMaxKey;
    } else {
      const newLength = this._getNewLength(newMinKey, newMaxKey);
      if (newLength > bins.length) {
        const grown = new (bins.constructor as Uint32ArrayConstructor | Float64ArrayConstructor)(newLength);
        grown.set(bins);
        this.bins = grown as unknown as number[];
      }
      this._adjust(newMinKey, newMaxKey);
    }
  }
}

/** A DDSketch that also answers ft.stats' percentiles (its code comes with the sketch's). */
export class StatsSketch extends DDSketch {
  /**
   * Nearest-rank percentile: pN is the value at rank ceil(N% · count). DDSketch answers the value
   * at rank floor(q · (count − 1)), which for a handful of runs is the median (p95 of 3 sorts would
   * hide the slow one), so ask it for the quantile that lands on the nearest rank. For large counts
   * the two agree. Clamping to the exact min/max keeps a bin midpoint from passing the extremes.
   */
  percentile(quantile: number): number {
    const n = this.count;
    const rank = Math.max(0, Math.ceil(quantile * n) - 1);
    const value = this.getValueAtQuantile(n > 1 ? rank / (n - 1) : 0);
    return Math.min(this.max, Math.max(this.min, value));
  }
}

/**
 * A DDSketch with the logarithmic mapping at `relativeAccuracy` and typed collapsing-lowest
 * stores of `binLimit` bins: the library's LogCollapsingLowestDenseDDSketch with compact stores.
 */
export function createSketch(relativeAccuracy: number, binLimit: number): StatsSketch {
  const sketch = new StatsSketch({ relativeAccuracy });
  sketch.store = new TypedCollapsingLowestDenseStore(binLimit);
  sketch.negativeStore = new TypedCollapsingLowestDenseStore(binLimit);
  return sketch;
}
