import type { Diagnostics } from '../diagnostics.js';
import type { ResolvedConfig } from '../options.js';
import type { Signal } from './payload.js';
import { type Persistence, persist } from './persistence.js';
import { wrapTransports } from './transport.js';
import { type UnloadFlush, unloadFlush } from './unload-flush.js';

/**
 * Delivery at the edges, composed of two parts over one transport seam (transport.ts): the unload
 * flush (unload-flush.ts, `flushOnHide`) and persistence (persistence.ts, `persistence`). Each is
 * created only when it is on; they meet at three points: an export at hide time goes through the
 * unload flush, which gives persistence what does not fit; a live export goes through
 * persistence; and persistence watches every answer of the collector.
 */

/** What delivery needs from a provider: a flush, on hide and when the collector goes down. */
interface Flushable {
  forceFlush(): Promise<void>;
}

/** A running delivery: started once the providers exist, stopped on shutdown. */
export interface Delivery {
  /** Flush on hide (providers in priority order), re-send on `online` and now (entries of earlier pages). */
  start(providers: Flushable[]): void;
  stop(): void;
}

const noop = () => {};

/**
 * Delivery around otlp-exporter-base's own transports (fetch, keepalive, retries with
 * Retry-After), put between frametel's OTLP exporters (the first of each signal's list) and their
 * transports. undefined when there is nothing to do.
 */
export function attachDelivery(
  config: ResolvedConfig,
  exporters: Record<Signal, object[]>,
  diagnostics: Diagnostics,
): Delivery | undefined {
  const { persistence, flushOnHide } = config;
  if (!config.urls || (!persistence && !flushOnHide)) return;
  const off = new AbortController();
  let providers: Flushable[] = [];
  const flush = () => {
    for (const p of providers) p.forceFlush().catch(noop);
  };
  // Created after the transports they send through; the closures below run only once exports do.
  let kept: Persistence | undefined;
  let hidden: UnloadFlush | undefined;
  const t = wrapTransports(
    exporters,
    // At hide time through the unload flush, else through persistence, else straight on.
    (signal, data, timeout) => (hidden?.hiding() ? hidden : (kept ?? t)).send(signal, data, timeout),
  );
  // An exporter without the seam (its shape changed upstream) is not delivered through here.
  if (t.signals.length < 3) diagnostics.internalErrors++;
  kept = persistence ? persist(persistence, diagnostics, t, flush) : undefined;
  hidden = flushOnHide ? unloadFlush(t, kept, flush) : undefined;

  return {
    start(list) {
      providers = list;
      const on = (target: object | undefined, type: string, fn: () => void) =>
        (target as Partial<EventTarget> | undefined)?.addEventListener?.(type, fn, {
          capture: true,
          signal: off.signal,
        });
      hidden?.start(on);
      kept?.start(on);
    },
    stop() {
      off.abort();
      kept?.stop();
    },
  };
}
