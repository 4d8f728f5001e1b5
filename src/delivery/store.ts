import { createStore, delMany, entries, promisifyRequest, type UseStore } from 'idb-keyval';
import type { Signal } from './payload.js';

/** One stored record (a span, a log record, or one metrics export) as a one-resource OTLP/JSON fragment. */
export interface Entry {
  /** Signal. */
  s: Signal;
  /** The `resourceSpans`/`resourceLogs`/`resourceMetrics` element holding just this record, as JSON. */
  r: string;
  /** Items it counts as in diagnostics (1, or a metrics export's data points). */
  n: number;
  /** While the page that wrote it may still be retrying it: until when (epoch ms; 0 when it is not). */
  l: number;
}

/** Where entries live: IndexedDB through idb-keyval, or memory when IndexedDB cannot be used. */
export interface EntryStore {
  put(items: [string, Entry][]): Promise<unknown>;
  /** Every entry, oldest first (keys sort by write time). */
  all(): Promise<[string, Entry][]>;
  del(keys: string[]): Promise<unknown>;
}

/**
 * IndexedDB when it opens, memory otherwise (no IndexedDB, or a private mode that refuses it),
 * said once through `onFallback`. The database is opened at once so that a write during
 * `pagehide` only has to start a transaction on an open connection.
 */
export function openStore(dbName: string, onFallback: (why: unknown) => void): EntryStore {
  let memory: EntryStore | undefined;
  let idb: UseStore;
  const fallBack = (why: unknown): EntryStore => {
    if (!memory) {
      onFallback(why);
      const map = new Map<string, Entry>();
      memory = {
        put: async (items) => items.map(([k, v]) => map.set(k, v)),
        all: async () => [...map].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
        del: async (keys) => keys.map((k) => map.delete(k)),
      };
    }
    return memory;
  };
  try {
    idb = createStore(dbName, 'entries');
    idb('readonly', () => 0).catch(fallBack);
  } catch (error) {
    // No indexedDB global: createStore's first use throws at once.
    fallBack(error);
  }
  const db: EntryStore = {
    // Not idb-keyval's setMany: the transaction is committed explicitly, so a write started in
    // `pagehide` is not left waiting for auto-commit when the document goes away.
    put: (items) =>
      idb('readwrite', (store) => {
        for (const [k, v] of items) store.put(v, k);
        store.transaction.commit?.();
        return promisifyRequest(store.transaction);
      }),
    all: () => entries(idb),
    del: (keys) => delMany(keys, idb),
  };
  // Falls back for good once IndexedDB has failed; the call that failed goes to memory too.
  const run = <T>(f: (s: EntryStore) => Promise<T>): Promise<T> =>
    memory ? f(memory) : f(db).catch((e) => f(fallBack(e)));
  return {
    put: (items) => run((s) => s.put(items)),
    all: () => run((s) => s.all()),
    del: (keys) => run((s) => s.del(keys)),
  };
}
