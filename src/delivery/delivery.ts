import { diag } from '@opentelemetry/api';
import type { ExportResponse, IExporterTransport } from '@opentelemetry/otlp-exporter-base';
import type { Diagnostics } from '../diagnostics.js';
import { join, type Piece, randomId, sizeOf, split } from './payload.js';
import { openStore, type Entry, type EntryStore, type Signal } from './store.js';

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

/**
 * Chromium's keepalive quota is 64 KiB for all of a document's in-flight keepalive bodies; the
 * same 60 KiB / 9 requests as otlp-exporter-base's fetch transport, so both agree on what fits.
 */
const KEEPALIVE_BYTES = 60 * 1024;
const KEEPALIVE_REQUESTS = 9;
/**
 * Quota other records leave free on hide for the important records of signals flushed after them
 * (hide listeners run one after another, so a later signal's violation may still be on its way).
 */
const RESERVE_BYTES = 16 * 1024;
const RESERVE_REQUESTS = 3;
/** One re-send request: small enough for a collector's default body limits, big enough to drain fast. */
const DRAIN_BYTES = 512 * 1024;
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 15_000;
const ORDER: Signal[] = ['logs', 'traces', 'metrics'];
/** A page's id in the entries it writes, so another tab leaves entries alone while their writer may still send them. */
const PAGE = randomId();
let inflightBytes = 0;
let inflightRequests = 0;
let seq = 0;

/** A live export the exporter is still waiting for (upstream may be retrying it). */
interface Live {
  signal: Signal;
  data: Uint8Array;
  keys?: string[];
  n?: number;
  /** The write of its records, once started. */
  kept?: Promise<void>;
}

/** 429, 5xx and network errors: the collector did not take the data, so keeping it cannot duplicate it. */
function refused(r: ExportResponse): boolean {
  if (r.status === 'retryable') return true;
  // The browser's fetch transport says "… status 500"; Node's http transport sets OTLPExporterError.code.
  const code =
    r.status === 'failure' && ((r.error as { code?: unknown }).code ?? /status (\d+)$/.exec(r.error.message)?.[1]);
  return Number(code) >= 500;
}

/** The export's error, telling CountingExporter how many of its items went to storage instead of being lost. */
function withStored(r: ExportResponse, stored: number): ExportResponse {
  const error = (r.status !== 'success' && r.error) || new Error('export failed; kept for a later retry');
  return { status: 'failure', error: Object.assign(error, { stored }) };
}

/**
 * Delivery at the edges, around otlp-exporter-base's own transports (fetch, keepalive, retries
 * with Retry-After): flushes on hide within the keepalive quota, most important first, and keeps
 * what the collector refused in a bounded store to re-send later.
 */
export class Delivery {
  private readonly store: EntryStore | undefined;
  private readonly inners = new Map<Signal, IExporterTransport>();
  private readonly live = new Set<Live>();
  private readonly inflightKeys = new Set<string>();
  private state: 'unknown' | 'up' | 'down' = 'unknown';
  private hiding = false;
  private draining = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backoff = BACKOFF_MIN_MS;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly off: Array<() => void> = [];
  private providers: Flushable[] = [];
  timeoutMillis = 10_000;

  constructor(
    private readonly persistence: PersistenceConfig | false,
    private readonly flushOnHide: boolean,
    private readonly diagnostics: Diagnostics,
  ) {
    if (persistence) this.store = openStore('frametel-delivery');
  }

  /** Puts this delivery between an OTLP exporter and its transport. false when the exporter has no transport seam. */
  wrap(exporter: object, signal: Signal): boolean {
    const delegate = (exporter as { _delegate?: { _transport?: IExporterTransport; _timeout?: number } })._delegate;
    const inner = delegate?._transport;
    if (!delegate || typeof inner?.send !== 'function') return false;
    // Upstream's retrying transport wraps the fetch transport: watching each attempt tells at once
    // that the collector is down, not only after all retries.
    const attempts = (inner as { _transport?: IExporterTransport })._transport;
    if (typeof attempts?.send === 'function') {
      const send = attempts.send.bind(attempts);
      attempts.send = async (data, timeout) => {
        const r = await send(data, timeout);
        this.observe(r, false);
        // Kept at the first refusal, not after upstream's retries (up to the export timeout): a
        // page that goes meanwhile would otherwise have to write it during unload.
        if (this.store && r.status !== 'success' && refused(r))
          for (const l of this.live) if (l.data === data && !l.keys) void this.keepLive(l);
        return r;
      };
    }
    this.inners.set(signal, inner);
    this.timeoutMillis = delegate._timeout ?? this.timeoutMillis;
    delegate._transport = {
      send: (data, timeout) => this.send(signal, inner, data, timeout),
      shutdown: () => inner.shutdown(),
    };
    return true;
  }

  /** Flush on hide (providers in priority order), re-send on `online` and now (entries of earlier pages). */
  start(providers: Flushable[]): void {
    this.providers = providers;
    const g = globalThis as {
      addEventListener?: typeof addEventListener;
      removeEventListener?: typeof removeEventListener;
    };
    // Capture phase: runs before the batch processors' own hide listeners (bubble phase), whose
    // flush would otherwise send one over-quota request that the browser cancels on unload.
    const on = (target: typeof g | Document, type: string, fn: () => void) => {
      target.addEventListener?.(type, fn, true);
      this.off.push(() => target.removeEventListener?.(type, fn, true));
    };
    const hide = () => this.hide(providers);
    if (this.flushOnHide && typeof document !== 'undefined')
      on(document, 'visibilitychange', () => document.visibilityState === 'hidden' && hide());
    if (this.flushOnHide) on(g, 'pagehide', hide);
    if (this.store) {
      on(g, 'online', () => void this.drain());
      this.schedule(0);
    }
  }

  stop(): void {
    for (const f of this.off.splice(0)) f();
    clearTimeout(this.timer);
    this.stopped = true;
  }

  private get hidden(): boolean {
    if (!this.flushOnHide) return false;
    // Other hide listeners (the log processor's, ErrorInstrumentation's) may flush before ours, and
    // Chromium fires pagehide while still 'visible': an export started during that dispatch is one too.
    const type = (globalThis as { event?: Event }).event?.type;
    if (this.hiding || type === 'pagehide' || type === 'visibilitychange') return true;
    return typeof document !== 'undefined' && document.visibilityState === 'hidden';
  }

  private hide(providers: Flushable[]): void {
    this.hiding = true;
    // A collector that is down will not answer before the page goes: keep what upstream is still retrying.
    if (this.state === 'down') for (const l of this.live) if (!l.keys) void this.keepLive(l);
    for (const p of providers) p.forceFlush().catch(() => {});
    setTimeout(() => (this.hiding = false), 0);
  }

  private async send(signal: Signal, inner: IExporterTransport, data: Uint8Array, timeout: number) {
    if (this.hidden) return this.sendHidden(signal, inner, data, timeout);
    const live: Live = { signal, data };
    this.live.add(live);
    const r = await this.raw(inner, data, timeout);
    await live.kept;
    this.live.delete(live);
    for (const k of live.keys ?? []) this.inflightKeys.delete(k);
    if (r.status === 'success') {
      if (live.keys) await this.remove(live.keys);
      return r;
    }
    if (!this.store || !refused(r)) return r;
    return withStored(r, live.keys ? (live.n ?? 0) : await this.keep(signal, data, 0));
  }

  /**
   * On hide: what fits the keepalive quota is sent, important records of every signal first (the
   * others wait one microtask, by which time the later signals' flushes have claimed their share);
   * what does not fit is kept (important records, or all with signals: 'all') or counted as lost.
   */
  private async sendHidden(signal: Signal, inner: IExporterTransport, data: Uint8Array, timeout: number) {
    if (this.store && this.state === 'down')
      return withStored({ status: 'retryable' }, await this.keep(signal, data, 0));
    if (this.fits(data.byteLength, true)) return this.raw(inner, data, timeout);
    const pieces = split(signal, data);
    const sends: Array<Promise<[ExportResponse, number]>> = [];
    const rest: Piece[] = [];
    const pack = (list: Piece[], reserve: boolean) => {
      let chunk: Piece[] = [];
      let size = 16 + signal.length;
      const ship = () => {
        if (!chunk.length) return;
        const n = chunk.reduce((sum, p) => sum + p.n, 0);
        const body = join(
          signal,
          chunk.map((p) => p.json),
        );
        sends.push(this.raw(inner, body, timeout).then((r) => [r, n]));
        [chunk, size] = [[], 16 + signal.length];
      };
      for (const p of list) {
        const s = sizeOf(p.json);
        if (!this.fits(size + s, reserve)) ship();
        if (this.fits(size + s, reserve)) {
          chunk.push(p);
          size += s;
        } else rest.push(p);
      }
      ship();
    };
    pack(
      pieces.filter((p) => p.important),
      false,
    );
    await Promise.resolve();
    pack(
      pieces.filter((p) => !p.important),
      true,
    );
    const results = await Promise.all(sends);
    const sent = results.reduce((n, [r, k]) => n + (r.status === 'success' ? k : 0), 0);
    const failed = results.find(([r]) => r.status !== 'success')?.[0];
    if (!failed && !rest.length) return { status: 'success' } as ExportResponse;
    const stored =
      this.store && rest.length
        ? await this.keep(
            signal,
            join(
              signal,
              rest.map((p) => p.json),
            ),
            0,
          )
        : 0;
    const r = withStored(failed ?? { status: 'failure', error: new Error('over the keepalive quota on hide') }, stored);
    Object.assign((r as { error: Error }).error, { sent });
    return r;
  }

  /** Whether a body of `bytes` still fits the keepalive quota next to what is in flight (and a reserve). */
  private fits(bytes: number, reserve = false): boolean {
    const [b, r] = reserve ? [RESERVE_BYTES, RESERVE_REQUESTS] : [0, 0];
    return inflightBytes + bytes + b <= KEEPALIVE_BYTES && inflightRequests + r < KEEPALIVE_REQUESTS;
  }

  private async raw(inner: IExporterTransport, data: Uint8Array, timeout: number): Promise<ExportResponse> {
    // Only keepalive requests count against the quota; upstream makes this one keepalive iff it fits.
    const size = this.fits(data.byteLength) ? data.byteLength : 0;
    inflightBytes += size;
    inflightRequests += size ? 1 : 0;
    try {
      const r = await inner.send(data, timeout);
      this.observe(r);
      return r;
    } catch (error) {
      return { status: 'retryable', error: error as Error };
    } finally {
      inflightBytes -= size;
      inflightRequests -= size ? 1 : 0;
    }
  }

  /** Collector up or down after an answer; `plan`: whether a refusal plans the next drain (not for single attempts). */
  private observe(r: ExportResponse, plan = true): void {
    const was = this.state;
    if (r.status === 'success') {
      this.state = 'up';
      this.backoff = BACKOFF_MIN_MS;
      if (was === 'down') this.schedule(0);
    } else if (refused(r)) {
      this.state = 'down';
      // Going down: what the batch processors still queue is exported now, so its important
      // records reach storage while the page lives rather than in an unload-time write.
      if (was !== 'down' && this.store) for (const p of this.providers) p.forceFlush().catch(() => {});
      // A drain already planned stays planned; Retry-After moves it.
      const retryIn = r.status === 'retryable' ? r.retryInMillis : undefined;
      if (plan && this.store && (retryIn !== undefined || this.timer === undefined)) this.schedule(retryIn);
    }
  }

  private keepLive(l: Live): Promise<void> {
    l.kept ??= this.keepLiveNow(l);
    return l.kept;
  }

  private async keepLiveNow(l: Live): Promise<void> {
    l.keys = [];
    // keep() names the keys before its first await: they are marked in flight before any drain can read them.
    const writing = this.keep(l.signal, l.data, Date.now() + this.timeoutMillis + 1000, l.keys);
    for (const k of l.keys) this.inflightKeys.add(k);
    l.n = await writing;
  }

  /**
   * Writes the records persistence keeps at once (on hide there is no later), then evicts the
   * oldest past the bounds, one eviction at a time.
   */
  private async keep(signal: Signal, data: Uint8Array, lease: number, keys: string[] = []): Promise<number> {
    const cfg = this.persistence as PersistenceConfig;
    try {
      const pieces = split(signal, data).filter((p) => p.important || cfg.signals === 'all');
      const stamp = Date.now().toString(36).padStart(9, '0');
      const items = pieces.map((p): [string, Entry] => {
        const key = `${stamp}${(seq++).toString(36).padStart(6, '0')}${PAGE}`;
        keys.push(key);
        return [key, { s: signal, r: p.json, n: p.n, id: p.id, o: PAGE, l: lease }];
      });
      await this.store!.put(items);
      const evicted = (this.writes = this.writes.then(() => this.evict(cfg)));
      await evicted;
      return pieces.reduce((n, p) => n + p.n, 0);
    } catch (error) {
      this.diagnostics.internalErrors++;
      diag.error('frametel: keeping a failed export failed', error);
      return 0;
    }
  }

  private async evict(cfg: PersistenceConfig): Promise<void> {
    const all = await this.store!.all();
    let items = all.length;
    let bytes = all.reduce((b, [, e]) => b + e.r.length, 0);
    const gone: string[] = [];
    for (const [key, e] of all) {
      if (items <= cfg.maxItems && bytes <= cfg.maxBytes) break;
      gone.push(key);
      items--;
      bytes -= e.r.length;
      this.diagnostics[e.s].evicted += e.n;
    }
    if (gone.length) await this.store!.del(gone);
  }

  private remove(keys: string[]): Promise<unknown> {
    return (this.writes = this.writes.then(() => this.store!.del(keys)).catch(() => {}));
  }

  /** Plans the next drain: in `ms`, or after the current backoff (±20 % jitter so tabs do not send in step). */
  private schedule(ms?: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    const wait = ms ?? this.backoff * (0.8 + Math.random() * 0.4);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, wait);
  }

  /** Re-sends stored entries, logs first, one tab at a time (Web Locks), deleting each batch once it is taken. */
  async drain(): Promise<void> {
    if (this.draining || !this.store) return;
    this.draining = true;
    const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
    try {
      await (locks ? locks.request('frametel-delivery', () => this.drainLocked()) : this.drainLocked());
    } catch (error) {
      this.diagnostics.internalErrors++;
      diag.error('frametel: re-sending stored exports failed', error);
    } finally {
      this.draining = false;
    }
  }

  private async drainLocked(): Promise<void> {
    await this.writes;
    const now = Date.now();
    const all = await this.store!.all();
    const ready = all.filter(([k, e]) => !this.inflightKeys.has(k) && (e.o === PAGE || e.l <= now));
    const leased = all.filter(([, e]) => e.o !== PAGE && e.l > now).map(([, e]) => e.l - now);
    for (const signal of ORDER) {
      const inner = this.inners.get(signal);
      let batch = ready.filter(([, e]) => e.s === signal);
      while (inner && batch.length) {
        let count = 0;
        for (let size = 0; count < batch.length && (count === 0 || size <= DRAIN_BYTES); count++)
          size += batch[count]![1].r.length + 1;
        const take = batch.slice(0, count);
        batch = batch.slice(count);
        const n = take.reduce((sum, [, e]) => sum + e.n, 0);
        const r = await this.raw(
          inner,
          join(
            signal,
            take.map(([, e]) => e.r),
          ),
          this.timeoutMillis,
        );
        if (r.status !== 'success' && refused(r)) {
          this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
          return this.schedule(r.status === 'retryable' ? r.retryInMillis : undefined);
        }
        await this.remove(take.map(([k]) => k));
        const ledger = this.diagnostics[signal];
        if (r.status === 'success') [ledger.exported, ledger.resent] = [ledger.exported + n, ledger.resent + n];
        else ledger.failed += n;
      }
    }
    if (leased.length) this.schedule(Math.min(...leased) + 10);
  }

  /** Items waiting in the store (all pages of this origin). */
  async pending(): Promise<number> {
    return this.store ? (await this.store.all()).reduce((n, [, e]) => n + e.n, 0) : 0;
  }
}
