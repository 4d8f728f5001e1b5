/**
 * With `recordValues: true` (development only), the signal instrumentations keep each changing
 * write's previous and next value for the DevTools' state diff: a structured clone (so later
 * mutation of the app's object does not rewrite history), at most `MAX_VALUE_BYTES` (estimated)
 * each, in a bounded history. Values that cannot be cloned (functions, DOM nodes, class
 * instances with private state…) are kept as their type name.
 */

/** Largest value kept, estimated bytes (UTF-16 strings, 8 per number/boolean/key overhead). */
export const MAX_VALUE_BYTES = 16 * 1024;
/** Writes kept in the history (the oldest are forgotten). */
export const MAX_VALUE_CHANGES = 200;
/** Signals whose last value is remembered (to be the next write's previous value). */
const MAX_REMEMBERED = 1000;

/** A kept value: the clone, or why there is none. */
export type KeptValue = { value: unknown } | { type: string; reason: 'not-cloneable' | 'too-large' | 'unknown' };

/** One changing write, as `recentValueChanges()` returns it. */
export interface SignalValueChange {
  name: string;
  /** Epoch ms. */
  time: number;
  traceId: string;
  spanId: string;
  /** `{ type: 'unknown', reason: 'unknown' }` for the first traced write of a signal. */
  previous: KeptValue;
  next: KeptValue;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value === 'function' ? 'Function' : typeof value;
  return (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name || 'Object';
}

/** Estimated size, counting only until `cap` is passed (a huge value costs O(cap) to measure). */
function estimate(value: unknown, cap: number, seen = new Set<unknown>()): number {
  if (typeof value === 'string') return value.length * 2;
  if (typeof value !== 'object' || value === null || seen.has(value)) return 8;
  seen.add(value);
  let n = 16;
  const entries: Iterable<unknown> =
    value instanceof Map ? [...value.entries()].flat() : value instanceof Set ? value : Object.entries(value).flat();
  for (const v of entries) {
    n += estimate(v, cap - n, seen);
    if (n > cap) break;
  }
  return n;
}

export function keepValue(value: unknown, maxBytes = MAX_VALUE_BYTES): KeptValue {
  if (estimate(value, maxBytes) > maxBytes) return { type: typeName(value), reason: 'too-large' };
  try {
    return { value: structuredClone(value) };
  } catch {
    return { type: typeName(value), reason: 'not-cloneable' };
  }
}

/** The bounded history of one instrumentation. */
export class ValueHistory {
  private readonly last = new Map<string, KeptValue>();
  private readonly changes: SignalValueChange[] = [];

  add(name: string, value: unknown, traceId: string, spanId: string): void {
    const next = keepValue(value);
    const previous = this.last.get(name) ?? ({ type: 'unknown', reason: 'unknown' } as const);
    if (!this.last.has(name) && this.last.size >= MAX_REMEMBERED) this.last.delete(this.last.keys().next().value!);
    this.last.set(name, next);
    this.changes.push({ name, time: Date.now(), traceId, spanId, previous, next });
    if (this.changes.length > MAX_VALUE_CHANGES) this.changes.splice(0, this.changes.length - MAX_VALUE_CHANGES);
  }

  /** The n most recent changes, newest first. */
  recent(n: number): SignalValueChange[] {
    return this.changes.slice(-Math.max(0, n)).reverse();
  }
}
