import { diag } from '@opentelemetry/api';
import { createStore, delMany, entries, promisifyRequest, type UseStore } from 'idb-keyval';

/** The signal a stored entry belongs to; also the order entries are re-sent in (most important first). */
export type Signal = 'logs' | 'traces' | 'metrics';

/** One stored record (a span, a log record, or one metrics export) as a one-resource OTLP/JSON fragment. */
export interface Entry {
  /** Signal. */
  s: Signal;
  /** The `resourceSpans`/`resourceLogs`/`resourceMetrics` element holding just this record, as JSON. */
  r: string;
  /** Items it counts as in diagnostics (1, or a metrics export's data points). */
  n: number;
  /** Stable record id (trace id + span id, log.record.uid): what a back end deduplicates on. */
  id: string;
  /** The page that wrote it and, while that page may still be retrying it, until when (epoch ms). */
  o: string;
  l: number;
}

/** Where entries live: IndexedDB through idb-keyval, or memory when IndexedDB cannot be used. */
export interface EntryStore {
  put(items: [string, Entry][]): Promise<void>;
  /** Every entry, oldest first (keys sort by write time). */
  all(): Promise<[string, Entry][]>;
  del(keys: string[]): Promise<void>;
}

function memoryStore(): EntryStore {
  const map = new Map<string, Entry>();
  return {
    put: async (items) => {
      for (const [k, v] of items) map.set(k, v);
    },
    all: async () => [...map].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    del: async (keys) => {
      for (const k of keys) map.delete(k);
    },
  };
}

/**
 * IndexedDB when it opens, memory otherwise (no IndexedDB, or a private mode that refuses it),
 * said once through diag. The database is opened at once so that a write during `pagehide`
 * only has to start a transaction on an open connection.
 */
export function openStore(dbName: string): EntryStore {
  let fallback: EntryStore | undefined;
  let idb: UseStore | undefined;
  const toMemory = (why: unknown) => {
    if (!fallback)
      diag.warn(`frametel: IndexedDB unavailable (${String(why)}); failed exports are kept in memory only`);
    fallback ??= memoryStore();
    return fallback;
  };
  try {
    if (typeof indexedDB === 'undefined') throw new Error('no indexedDB');
    idb = createStore(dbName, 'entries');
    idb('readonly', () => undefined).catch(toMemory);
  } catch (error) {
    toMemory(error);
  }
  // Each call falls back for good once IndexedDB has failed; the first failing write goes to memory too.
  const run = <T>(f: (s: EntryStore) => Promise<T>): Promise<T> =>
    fallback || !idb ? f(fallback ?? toMemory('no indexedDB')) : f(idbStore(idb)).catch((e) => f(toMemory(e)));
  return { put: (items) => run((s) => s.put(items)), all: () => run((s) => s.all()), del: (k) => run((s) => s.del(k)) };
}

function idbStore(idb: UseStore): EntryStore {
  return {
    // Not idb-keyval's setMany: the transaction is committed explicitly, so a write started in
    // `pagehide` is not left waiting for auto-commit when the document goes away.
    put: (items) =>
      idb('readwrite', (store) => {
        for (const [k, v] of items) store.put(v, k);
        store.transaction.commit?.();
        return promisifyRequest(store.transaction);
      }),
    all: () => entries<string, Entry>(idb),
    del: (keys) => delMany(keys, idb),
  };
}
