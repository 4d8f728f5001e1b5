import { fail } from '../../config/checks.js';
import { invalid } from '../../config/errors.js';
import { TABLE_SLICES, type TableSlice } from './schema.js';

/** A Preact signal (or anything with a writable `value` and `subscribe`). */
export interface SignalLike {
  value: unknown;
  subscribe(fn: (value: unknown) => void): () => void;
  name?: string;
}

/** A TanStack Table v9 table: a readable store of its state and the `set<Slice>` methods. */
export interface TableLike {
  store: {
    readonly state: unknown;
    subscribe(fn: (state: unknown) => void): (() => void) | { unsubscribe(): void };
  };
  [setter: string]: unknown;
}

/** `signals` and `tables` of recordSession/replaySession, by name. */
export interface Targets {
  /** Signals by name; an array uses each signal's own `name` (`signal(v, { name })`). */
  signals?: Record<string, SignalLike> | SignalLike[];
  /** TanStack Table v9 tables by name. */
  tables?: Record<string, TableLike>;
}

export const setterOf = (slice: TableSlice) => `set${slice[0]!.toUpperCase()}${slice.slice(1)}`;

/** Checks `signals`/`tables` and returns them by name: one FrametelConfigError naming the bad entry. */
export function resolveTargets(
  fn: string,
  o: Record<string, unknown>,
): { signals: Map<string, SignalLike>; tables: Map<string, TableLike> } {
  const signals = new Map<string, SignalLike>();
  const tables = new Map<string, TableLike>();
  const expectedSignal = 'a Preact signal (with value and subscribe)';
  if (o.signals !== undefined) {
    const entries: Array<[string, unknown, string]> = Array.isArray(o.signals)
      ? o.signals.map((s, i) => [(s as SignalLike | null)?.name ?? '', s, `${fn} options.signals[${i}]`])
      : typeof o.signals === 'object' && o.signals !== null
        ? Object.entries(o.signals).map(([k, s]) => [k, s, `${fn} options.signals[${JSON.stringify(k)}]`])
        : fail(
            invalid(`${fn} options.signals`, 'an object of signals by name, or an array of named signals', o.signals),
          );
    for (const [name, s, path] of entries) {
      if (typeof s !== 'object' || s === null || typeof (s as SignalLike).subscribe !== 'function' || !('value' in s))
        fail(invalid(path, expectedSignal, s));
      if (typeof name !== 'string' || name === '')
        fail(invalid(`${path}.name`, 'a name (signal(v, { name }) or an object of signals by name)', name));
      signals.set(name, s as SignalLike);
    }
  }
  if (o.tables !== undefined) {
    if (typeof o.tables !== 'object' || o.tables === null || Array.isArray(o.tables))
      fail(invalid(`${fn} options.tables`, 'an object of TanStack Table v9 tables by name', o.tables));
    for (const [name, t] of Object.entries(o.tables)) {
      const path = `${fn} options.tables[${JSON.stringify(name)}]`;
      const store = (t as TableLike | null)?.store;
      if (typeof store?.subscribe !== 'function' || typeof (t as TableLike)[setterOf('sorting')] !== 'function')
        fail(invalid(path, 'a TanStack Table v9 table (with store.subscribe and setSorting)', t));
      tables.set(name, t as TableLike);
    }
  }
  return { signals, tables };
}

/** Subscribes to a table's state; calls `onChange(slice, value)` for each slice that changed. */
export function watchTable(table: TableLike, onChange: (slice: TableSlice, value: unknown) => void): () => void {
  const text = (state: unknown, slice: TableSlice) =>
    JSON.stringify((state as Record<string, unknown> | undefined)?.[slice]) ?? 'undefined';
  let last = new Map(TABLE_SLICES.map((s) => [s, text(table.store.state, s)]));
  const sub = table.store.subscribe((state) => {
    const now = new Map(TABLE_SLICES.map((s) => [s, text(state, s)]));
    for (const slice of TABLE_SLICES)
      if (now.get(slice) !== last.get(slice)) onChange(slice, (state as Record<string, unknown>)[slice]);
    last = now;
  });
  return typeof sub === 'function' ? sub : () => sub.unsubscribe();
}
