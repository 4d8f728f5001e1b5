// Side-by-side micro-benchmark harness: variants run interleaved, round after round, so machine
// noise (the other core, GC, turbo) hits all of them alike. Reports the median ns/op over rounds
// and the interquartile spread. Benchmarks print; they never assert timings.

/** Lets timers run between rounds (batch span processors export on timers). */
export const tick = () => new Promise((resolve) => setImmediate(resolve));

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/**
 * `--cpu-time` on a bench's command line: time rounds by this process's CPU time (user + system,
 * all its threads, GC helpers included) instead of the wall clock. On a machine shared with other
 * busy processes the wall clock also counts the time this one waited for a core; CPU time does not.
 */
export const CLOCK = process.argv.includes('--cpu-time') ? 'cpu' : 'wall';

/** ns since an arbitrary origin on the chosen clock. */
const clockNs =
  CLOCK === 'cpu'
    ? () => {
        const { user, system } = process.cpuUsage();
        return (user + system) * 1000;
      }
    : () => Number(process.hrtime.bigint());

/**
 * @param {Record<string, (n: number) => void | Promise<void>>} variants each runs its op n times
 * @param {{ opsPerRound?: number, rounds?: number, warmupRounds?: number }} [options]
 * @returns {Record<string, { median: number, p25: number, p75: number }>} ns per op
 */
export async function compare(variants, { opsPerRound = 2000, rounds = 41, warmupRounds = 5 } = {}) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmupRounds + rounds; r++) {
    // Rotate the starting variant each round so none always runs right after a GC-heavy one.
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const t0 = clockNs();
      await variants[name](opsPerRound);
      const ns = (clockNs() - t0) / opsPerRound;
      if (r >= warmupRounds) samples[name].push(ns);
      await tick();
    }
  }
  const out = {};
  for (const name of names) {
    const s = samples[name].sort((a, b) => a - b);
    out[name] = { median: quantile(s, 0.5), p25: quantile(s, 0.25), p75: quantile(s, 0.75) };
  }
  return out;
}

/** Heap bytes in use after a full GC (needs node --expose-gc). */
/**
 * Retained bytes after two full GCs: the V8 heap plus ArrayBuffer backing stores, which V8
 * allocates outside its heap (typed arrays, e.g. the stats sketch bins) and heapUsed leaves out.
 */
export function heapUsed() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

export function fmtNs(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

/** Prints a table of `compare()` results against a baseline variant. */
export function printComparison(title, results, baseline) {
  console.log(`\n${title}${CLOCK === 'cpu' ? ' [CPU time of this process, --cpu-time]' : ''}`);
  const base = baseline ? results[baseline].median : undefined;
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    fmtNs(r.median),
    `${fmtNs(r.p25)} – ${fmtNs(r.p75)}`,
    base === undefined || name === baseline ? '' : `${r.median >= base ? '+' : '−'}${fmtNs(Math.abs(r.median - base))}`,
  ]);
  const head = ['variant', 'median/op', 'p25 – p75', baseline ? `added vs ${baseline}` : ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`;
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}
