import { diag } from '@opentelemetry/api';
import type { ExportResponse } from '@opentelemetry/otlp-exporter-base';
import type { Diagnostics } from '../diagnostics.js';
import { join, type Signal, split } from './payload.js';
import { randomId } from './record-id.js';
import { type Entry, openStore } from './store.js';
import { type Transports, withStored } from './transport.js';

/**
 * Persistence: records of exports the collector refused are kept in a bounded store (IndexedDB,
 * memory when it cannot be opened) and re-sent later, exactly once. Only created when
 * `persistence` is on: with it off none of this runs.
 */

/** `persistence` after validation. */
export interface PersistenceConfig {
  maxItems: number;
  maxBytes: number;
  signals: 'important' | 'all';
}

/** What the composing delivery (delivery.ts) and the unload flush ask of persistence. */
export interface Persistence {
  /** The collector's last answer was a refusal. */
  readonly down: boolean;
  /** A live export (not at hide): sends it, keeps its records if refused, deletes them once taken. */
  send: Transports['send'];
  /** Keeps an export's records at once (the unload flush: what cannot be sent); resolves to the items kept. */
  keep(signal: Signal, data: Uint8Array): Promise<number>;
  /** The page is being hidden: while down, keeps what upstream is still retrying. */
  hide(): void;
  /** Re-sends on `online` and now (entries of earlier pages). */
  start(on: (target: object | undefined, type: string, fn: () => void) => void): void;
  stop(): void;
}

/** One re-send request: small enough for a collector's default body limits, big enough to drain fast. */
const DRAIN_BYTES = 512 * 1024;
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 15_000;
/** A page's id at the end of the keys it writes, so another tab leaves them alone while their writer may still send them. */
const PAGE = randomId();
let seq = 0;

/** A live export the exporter is still waiting for (upstream may be retrying it). */
interface Live {
  signal: Signal;
  data: Uint8Array;
  /** Keys of its records once it is being kept (named before the write's first await). */
  keys?: string[];
  /** The write of its records and how many items it kept, once started. */
  kept?: Promise<number>;
}

const noop = () => {};

/** 429, 5xx and network errors: the collector did not take the data, so keeping it cannot duplicate it. */
function refused(r: ExportResponse): boolean {
  // The browser's fetch transport says "… status 500"; Node's http transport sets OTLPExporterError.code.
  return (
    r.status === 'retryable' ||
    (r.status === 'failure' &&
      Number((r.error as { code?: number }).code ?? /status (\d+)$/.exec(r.error.message)?.[1]) >= 500)
  );
}

/**
 * Persistence over `t`'s transports. `flush` exports what the batch processors still queue (when
 * the collector goes down, so its important records reach storage while the page lives).
 */
export function persist(
  cfg: PersistenceConfig,
  diagnostics: Diagnostics,
  t: Transports,
  flush: () => void,
): Persistence {
  const store = openStore('frametel-delivery', (why) =>
    diag.warn(`frametel: IndexedDB unavailable (${why}); failed exports are kept in memory only`),
  );
  const live = new Set<Live>();
  let down = false;
  let draining = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backoff = BACKOFF_MIN_MS;
  let writes: Promise<unknown> = Promise.resolve();

  const failed = (error: unknown) => {
    diagnostics.internalErrors++;
    diag.error('frametel: delivery failed', error);
  };

  /**
   * Collector up or down after an answer: to an export, or (`attempt`: its data) to one attempt of
   * upstream's retries. An attempt's refusal plans no drain, but keeps the live export it belongs
   * to at once, not after upstream's retries (up to the export timeout): a page that goes
   * meanwhile would otherwise have to write it during unload.
   */
  const seen = (r: ExportResponse, attempt?: Uint8Array) => {
    const was = down;
    if (r.status === 'success') {
      down = false;
      backoff = BACKOFF_MIN_MS;
      if (was) schedule(0);
    } else if (refused(r)) {
      down = true;
      // Going down: what the batch processors still queue is exported now.
      if (!was) flush();
      const retryIn = (r as { retryInMillis?: number }).retryInMillis;
      if (attempt) for (const l of live) l.data === attempt && keepLive(l);
      // A drain already planned stays planned; Retry-After moves it.
      else if (retryIn !== undefined || timer === undefined) schedule(retryIn);
    }
  };

  /**
   * Writes the records persistence keeps (all at once: on hide there is no later), naming their
   * keys into `keys` before the first await, then evicts the oldest past the bounds. `lease`:
   * until when the export may still be retried by this page (other pages leave it alone till then).
   */
  const keep = async (signal: Signal, data: Uint8Array, keys: string[] = [], lease = 0): Promise<number> => {
    try {
      let n = 0;
      const items: [string, Entry][] = [];
      for (const p of split(signal, data))
        if (p.important || cfg.signals === 'all') {
          // Sorts by write time: both numbers keep their width for centuries.
          const key = `${Date.now() + 1e13}${++seq + 1e8}${PAGE}`;
          keys.push(key);
          items.push([key, { s: signal, r: p.json, n: p.n, l: lease }]);
          n += p.n;
        }
      await store.put(items);
      const evicted = writes.then(evict);
      writes = evicted.catch(noop);
      await evicted;
      return n;
    } catch (error) {
      failed(error);
      return 0;
    }
  };

  /** Drops the oldest entries past either bound (one eviction at a time, after the writes before it). */
  const evict = async () => {
    const all = await store.all();
    let items = all.length;
    let bytes = 0;
    for (const [, e] of all) bytes += e.r.length;
    const gone: string[] = [];
    for (const [key, e] of all)
      if (items > cfg.maxItems || bytes > cfg.maxBytes) {
        gone.push(key);
        items--;
        bytes -= e.r.length;
        diagnostics[e.s].evicted += e.n;
      }
    if (gone[0]) await store.del(gone);
  };

  const remove = (keys: string[]) => {
    writes = writes.then(() => store.del(keys)).catch(noop);
    return writes;
  };

  /** Keeps a live export's records at once (once), leased for as long as upstream may retry it. */
  const keepLive = (l: Live) => {
    l.kept ??= keep(l.signal, l.data, (l.keys = []), Date.now() + t.timeout + 1000);
  };

  /** Plans the next drain: in `ms`, or after the current backoff (±20 % jitter so tabs do not send in step). */
  const schedule = (ms?: number) => {
    clearTimeout(timer);
    if (!stopped)
      timer = setTimeout(
        () => {
          timer = undefined;
          void drain();
        },
        ms ?? backoff * (0.8 + Math.random() * 0.4),
      );
  };

  /** Re-sends stored entries, logs first, one tab at a time (Web Locks), deleting each batch once it is answered. */
  const drain = async () => {
    if (draining) return;
    draining = true;
    const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
    await (locks ? locks.request('frametel-delivery', drainLocked) : drainLocked()).catch(failed);
    draining = false;
  };

  const drainLocked = async () => {
    await writes;
    const now = Date.now();
    const all = await store.all();
    // Entries of live exports of this page are theirs (read after the entries: a live export
    // kept meanwhile is among them); other pages' are theirs until the lease ends.
    const busy = new Set([...live].flatMap((l) => l.keys ?? []));
    let wait = Infinity;
    const ready = all.filter(([k, e]) => {
      if (k.endsWith(PAGE) || e.l <= now) return !busy.has(k);
      wait = Math.min(wait, e.l - now);
      return false;
    });
    for (const signal of t.signals) {
      const batch = ready.filter(([, e]) => e.s === signal);
      for (let i = 0; batch[i]; ) {
        const keys: string[] = [];
        const fragments: string[] = [];
        let size = 0;
        let n = 0;
        // Whole entries, up to the first past DRAIN_BYTES.
        while (batch[i] && size <= DRAIN_BYTES) {
          const [k, e] = batch[i++]!;
          keys.push(k);
          fragments.push(e.r);
          size += e.r.length;
          n += e.n;
        }
        const r = await t.send(signal, join(signal, fragments), t.timeout);
        if (refused(r)) {
          backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
          return schedule((r as { retryInMillis?: number }).retryInMillis);
        }
        await remove(keys);
        const ledger = diagnostics[signal];
        if (r.status === 'success') {
          ledger.exported += n;
          ledger.resent += n;
        } else ledger.failed += n;
      }
    }
    if (wait < Infinity) schedule(wait + 10);
  };

  t.watch = seen;
  for (const a of t.attempts) {
    const attempt = a.send.bind(a);
    a.send = async (data, timeout) => {
      const r = await attempt(data, timeout);
      seen(r, data);
      return r;
    };
  }

  return {
    get down() {
      return down;
    },
    async send(signal, data, timeout) {
      const l: Live = { signal, data };
      live.add(l);
      const r = await t.send(signal, data, timeout);
      const kept = await l.kept;
      const ok = r.status === 'success';
      // Its entries stay its own (not re-sent by a drain) until they are deleted.
      if (ok && l.keys) await remove(l.keys);
      live.delete(l);
      return ok || !refused(r) ? r : withStored(r, kept ?? (await keep(signal, data)));
    },
    keep,
    hide() {
      // A collector that is down will not answer before the page goes.
      if (down) for (const l of live) keepLive(l);
    },
    start(on) {
      on(globalThis, 'online', drain);
      schedule(0);
    },
    stop() {
      clearTimeout(timer);
      stopped = true;
    },
  };
}
