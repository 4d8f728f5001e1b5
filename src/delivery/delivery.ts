import { diag } from '@opentelemetry/api';
import type { ExportResponse, IExporterTransport } from '@opentelemetry/otlp-exporter-base';
import type { Diagnostics } from '../diagnostics.js';
import type { ResolvedConfig } from '../options.js';
import { join, type Signal, split } from './payload.js';
import { randomId } from './record-id.js';
import { type Entry, openStore } from './store.js';
import { claim, fits, sendWithinQuota, withStored } from './unload.js';

/** `persistence` after validation. */
export interface PersistenceConfig {
  maxItems: number;
  maxBytes: number;
  signals: 'important' | 'all';
}

/** What the unload flush needs from a provider. */
interface Flushable {
  forceFlush(): Promise<void>;
}

/** A running delivery: started once the providers exist, stopped on shutdown. */
export interface Delivery {
  /** Flush on hide (providers in priority order), re-send on `online` and now (entries of earlier pages). */
  start(providers: Flushable[]): void;
  stop(): void;
}

/** The OTLP exporter's private seam: its delegate's transport (pinned otlp-exporter-base). */
type Seam = {
  _delegate?: { _transport?: IExporterTransport & { _transport?: IExporterTransport }; _timeout?: number };
};

/** One re-send request: small enough for a collector's default body limits, big enough to drain fast. */
const DRAIN_BYTES = 512 * 1024;
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 15_000;
/** Order of wrapping, of flushing on hide and of re-sending: most important first. */
const ORDER: Signal[] = ['logs', 'traces', 'metrics'];
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
 * Delivery at the edges, around otlp-exporter-base's own transports (fetch, keepalive, retries
 * with Retry-After), put between frametel's OTLP exporters (the first of each signal's list) and
 * their transports: flushes on hide within the keepalive quota, most important first, and keeps
 * what the collector refused in a bounded store to re-send later. undefined when there is nothing
 * to do.
 */
export function attachDelivery(
  config: ResolvedConfig,
  exporters: Record<Signal, object[]>,
  diagnostics: Diagnostics,
): Delivery | undefined {
  const { persistence, flushOnHide } = config;
  if (!config.urls || (!persistence && !flushOnHide)) return;
  const cfg = persistence as PersistenceConfig;
  const store = persistence
    ? openStore('frametel-delivery', (why) =>
        diag.warn(`frametel: IndexedDB unavailable (${why}); failed exports are kept in memory only`),
      )
    : undefined;
  const doc = globalThis.document as Document | undefined;
  const inners: Partial<Record<Signal, IExporterTransport>> = {};
  const live = new Set<Live>();
  const off = new AbortController();
  let providers: Flushable[] = [];
  /** The collector's last answer was a refusal. */
  let down = false;
  let hiding = false;
  let draining = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backoff = BACKOFF_MIN_MS;
  let writes: Promise<unknown> = Promise.resolve();
  let timeoutMillis = 10_000;

  const failed = (error: unknown) => {
    diagnostics.internalErrors++;
    diag.error('frametel: delivery failed', error);
  };
  const flush = () => {
    for (const p of providers) p.forceFlush().catch(noop);
  };

  /** Collector up or down after an answer; `plan`: whether a refusal plans the next drain (not for single attempts). */
  const observe = (r: ExportResponse, plan = true) => {
    const was = down;
    if (r.status === 'success') {
      down = false;
      backoff = BACKOFF_MIN_MS;
      if (was) schedule(0);
    } else if (refused(r)) {
      down = true;
      // Going down: what the batch processors still queue is exported now, so its important
      // records reach storage while the page lives rather than in an unload-time write.
      if (!was && store) flush();
      // A drain already planned stays planned; Retry-After moves it.
      const retryIn = (r as { retryInMillis?: number }).retryInMillis;
      if (plan && store && (retryIn !== undefined || timer === undefined)) schedule(retryIn);
    }
  };

  const raw = async (inner: IExporterTransport, data: Uint8Array, timeout: number): Promise<ExportResponse> => {
    const release = claim(data.byteLength);
    try {
      const r = await inner.send(data, timeout);
      observe(r);
      return r;
    } catch (error) {
      return { status: 'retryable', error: error as Error };
    } finally {
      release();
    }
  };

  /**
   * Writes the records persistence keeps (all at once: on hide there is no later), naming their
   * keys into `keys` before the first await, then evicts the oldest past the bounds. `lease`:
   * until when the export may still be retried by this page (other pages leave it alone till then).
   */
  const keep = async (signal: Signal, data: Uint8Array, keys: string[] = [], lease = 0): Promise<number> => {
    try {
      const pieces = split(signal, data).filter((p) => p.important || cfg.signals === 'all');
      const items = pieces.map((p): [string, Entry] => {
        // Sorts by write time: both numbers keep their width for centuries.
        const key = `${Date.now() + 1e13}${++seq + 1e8}${PAGE}`;
        keys.push(key);
        return [key, { s: signal, r: p.json, n: p.n, l: lease }];
      });
      await store!.put(items);
      const evicted = writes.then(evict);
      writes = evicted.catch(noop);
      await evicted;
      return pieces.reduce((n, p) => n + p.n, 0);
    } catch (error) {
      failed(error);
      return 0;
    }
  };

  /** Drops the oldest entries past either bound (one eviction at a time, after the writes before it). */
  const evict = async () => {
    const all = await store!.all();
    let items = all.length;
    let bytes = 0;
    for (const [, e] of all) bytes += e.r.length;
    const gone: string[] = [];
    for (const [key, e] of all) {
      if (items <= cfg.maxItems && bytes <= cfg.maxBytes) break;
      gone.push(key);
      items--;
      bytes -= e.r.length;
      diagnostics[e.s].evicted += e.n;
    }
    if (gone[0]) await store!.del(gone);
  };

  const remove = (keys: string[]) => {
    writes = writes.then(() => store!.del(keys)).catch(noop);
    return writes;
  };

  /** Keeps a live export's records at once (once), leased for as long as upstream may retry it. */
  const keepLive = (l: Live) => {
    l.kept ??= keep(l.signal, l.data, (l.keys = []), Date.now() + timeoutMillis + 1000);
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
    if (draining || !store) return;
    draining = true;
    const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
    try {
      await (locks ? locks.request('frametel-delivery', drainLocked) : drainLocked());
    } catch (error) {
      failed(error);
    }
    draining = false;
  };

  const drainLocked = async () => {
    await writes;
    const now = Date.now();
    const all = await store!.all();
    // Entries of live exports of this page are theirs (read after the entries: a live export
    // kept meanwhile is among them); other pages' are theirs until the lease ends.
    const busy = new Set([...live].flatMap((l) => l.keys ?? []));
    let wait = Infinity;
    const ready = all.filter(([k, e]) => {
      if (k.endsWith(PAGE) || e.l <= now) return !busy.has(k);
      wait = Math.min(wait, e.l - now);
      return false;
    });
    for (const signal of ORDER) {
      const inner = inners[signal];
      const batch = ready.filter(([, e]) => e.s === signal);
      while (inner && batch[0]) {
        let size = 0;
        let count = 0;
        while (count < batch.length && size <= DRAIN_BYTES) size += batch[count++]![1].r.length;
        const take = batch.splice(0, count);
        let n = 0;
        for (const [, e] of take) n += e.n;
        const r = await raw(
          inner,
          join(
            signal,
            take.map(([, e]) => e.r),
          ),
          timeoutMillis,
        );
        if (refused(r)) {
          backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
          return schedule((r as { retryInMillis?: number }).retryInMillis);
        }
        await remove(take.map(([k]) => k));
        const ledger = diagnostics[signal];
        if (r.status === 'success') {
          ledger.exported += n;
          ledger.resent += n;
        } else ledger.failed += n;
      }
    }
    if (wait < Infinity) schedule(wait + 10);
  };

  /**
   * On hide: what fits the keepalive quota is sent, important records first; what does not fit is
   * kept (important records, or all with signals: 'all') or counted as lost.
   */
  const sendHidden = async (signal: Signal, inner: IExporterTransport, data: Uint8Array, timeout: number) => {
    if (store && down) return withStored({ status: 'retryable' }, await keep(signal, data));
    if (fits(data.byteLength, 1)) return raw(inner, data, timeout);
    return sendWithinQuota(
      signal,
      split(signal, data),
      (body) => raw(inner, body, timeout),
      async (rest) => (store ? keep(signal, rest) : 0),
    );
  };

  const send = async (signal: Signal, inner: IExporterTransport, data: Uint8Array, timeout: number) => {
    // Other hide listeners (the log processor's, ErrorInstrumentation's) may flush before ours, and
    // Chromium fires pagehide while still 'visible': an export started during that dispatch is one too.
    const type = (globalThis as { event?: Event }).event?.type;
    if (
      flushOnHide &&
      (hiding || type === 'pagehide' || type === 'visibilitychange' || doc?.visibilityState === 'hidden')
    )
      return sendHidden(signal, inner, data, timeout);
    const l: Live = { signal, data };
    live.add(l);
    const r = await raw(inner, data, timeout);
    const kept = await l.kept;
    // Its entries stay its own (not re-sent by a drain) until they are deleted.
    if (r.status === 'success' && l.keys) await remove(l.keys);
    live.delete(l);
    if (r.status === 'success') return r;
    return store && refused(r) ? withStored(r, kept ?? (await keep(signal, data))) : r;
  };

  /** Puts this delivery between an OTLP exporter and its transport. false when the exporter has no transport seam. */
  const wrap = (signal: Signal): boolean => {
    const delegate = (exporters[signal][0] as Seam)._delegate ?? {};
    const inner = delegate._transport;
    if (!inner?.send) return false;
    // Upstream's retrying transport wraps the fetch transport: watching each attempt tells at once
    // that the collector is down, not only after all retries.
    const attempts = inner._transport;
    if (attempts?.send) {
      const attempt = attempts.send.bind(attempts);
      attempts.send = async (data, timeout) => {
        const r = await attempt(data, timeout);
        observe(r, false);
        // Kept at the first refusal, not after upstream's retries (up to the export timeout): a
        // page that goes meanwhile would otherwise have to write it during unload.
        if (store && refused(r)) for (const l of live) if (l.data === data) keepLive(l);
        return r;
      };
    }
    inners[signal] = inner;
    timeoutMillis = delegate._timeout ?? timeoutMillis;
    delegate._transport = {
      send: (data, timeout) => send(signal, inner, data, timeout),
      shutdown: () => inner.shutdown(),
    };
    return true;
  };

  if (ORDER.map(wrap).includes(false)) diagnostics.internalErrors++;

  const hide = () => {
    hiding = true;
    // A collector that is down will not answer before the page goes: keep what upstream is still retrying.
    if (down && store) for (const l of live) keepLive(l);
    flush();
    setTimeout(() => {
      hiding = false;
    });
  };

  return {
    start(list) {
      providers = list;
      // Capture phase: runs before the batch processors' own hide listeners (bubble phase), whose
      // flush would otherwise send one over-quota request that the browser cancels on unload.
      const on = (target: object | undefined, type: string, fn: () => void) =>
        (target as Partial<EventTarget> | undefined)?.addEventListener?.(type, fn, {
          capture: true,
          signal: off.signal,
        });
      if (flushOnHide) {
        on(doc, 'visibilitychange', () => doc!.visibilityState === 'hidden' && hide());
        on(globalThis, 'pagehide', hide);
      }
      if (store) {
        on(globalThis, 'online', drain);
        schedule(0);
      }
    },
    stop() {
      off.abort();
      clearTimeout(timer);
      stopped = true;
    },
  };
}
