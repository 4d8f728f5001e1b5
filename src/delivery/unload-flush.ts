import type { ExportResponse } from '@opentelemetry/otlp-exporter-base';
import { fits } from './keepalive.js';
import { join, type Piece, type Signal, sizeOf, split } from './payload.js';
import type { Persistence } from './persistence.js';
import { type Transports, withStored } from './transport.js';

/**
 * The unload flush: on hide, logs, spans and metrics are flushed within the keepalive quota,
 * important records first; what does not fit is kept by persistence (when on) or counted as lost.
 */

/** What the composing delivery (delivery.ts) asks of the unload flush. */
export interface UnloadFlush {
  /** Whether an export started now is a hide-time one. */
  hiding(): boolean;
  /** A hide-time export: sent within the quota, the rest kept or counted as lost. */
  send: Transports['send'];
  /** Listens for the hide (`on` adds a capture-phase listener until stop). */
  start(on: (target: object | undefined, type: string, fn: () => void) => void): void;
}

/**
 * Sends an export's pieces in requests that fit the quota, important pieces first. The others wait
 * one microtask, by which time the later signals' hide flushes have claimed their share, and leave
 * the reserve free. What does not fit goes to `keep` (which says how many items it kept).
 */
export async function sendWithinQuota(
  signal: Signal,
  pieces: Piece[],
  send: (body: Uint8Array) => Promise<ExportResponse>,
  keep: (body: Uint8Array) => Promise<number>,
): Promise<ExportResponse> {
  const sends: Promise<void>[] = [];
  const rest: string[] = [];
  let sent = 0;
  let failure: ExportResponse | undefined;
  const pack = (important: boolean, reserve: number) => {
    let chunk: Piece[] = [];
    /** Bytes of the chunk's request: the envelope, then each fragment and its comma. */
    let size = 32;
    const ship = () => {
      const c = chunk;
      if (c[0])
        sends.push(
          send(
            join(
              signal,
              c.map((p) => p.json),
            ),
          ).then((r) => {
            if (r.status !== 'success') failure = r;
            else for (const p of c) sent += p.n;
          }),
        );
      chunk = [];
      size = 32;
    };
    for (const p of pieces)
      if (p.important === important) {
        const s = sizeOf(p.json);
        if (!fits(size + s, reserve)) ship();
        if (fits(size + s, reserve)) {
          chunk.push(p);
          size += s;
        } else rest.push(p.json);
      }
    ship();
  };
  pack(true, 0);
  await 0;
  pack(false, 1);
  await Promise.all(sends);
  if (!failure && !rest[0]) return { status: 'success' };
  const stored = rest[0] ? await keep(join(signal, rest)) : 0;
  return withStored(failure ?? { status: 'failure', error: new Error('over the keepalive quota') }, stored, sent);
}

/** The unload flush over `t`'s transports; `flush` exports what the providers still queue. */
export function unloadFlush(t: Transports, p: Persistence | undefined, flush: () => void): UnloadFlush {
  const doc = globalThis.document as Document | undefined;
  let hiding = false;

  const hide = () => {
    hiding = true;
    p?.hide();
    flush();
    setTimeout(() => {
      hiding = false;
    });
  };

  return {
    // Other hide listeners (the log processor's, ErrorInstrumentation's) may flush before ours, and
    // Chromium fires pagehide while still 'visible': an export started during that dispatch is one too.
    hiding() {
      const type = (globalThis as { event?: Event }).event?.type;
      return hiding || type === 'pagehide' || type === 'visibilitychange' || doc?.visibilityState === 'hidden';
    },
    async send(signal, data, timeout) {
      // The collector is down: a request now cannot succeed, the records go straight to storage.
      if (p?.down) return withStored({ status: 'retryable' }, await p.keep(signal, data));
      const send = (body: Uint8Array) => t.send(signal, body, timeout);
      if (fits(data.byteLength, 1)) return send(data);
      return sendWithinQuota(signal, split(signal, data), send, async (rest) => (p ? p.keep(signal, rest) : 0));
    },
    start(on) {
      // Capture phase: runs before the batch processors' own hide listeners (bubble phase), whose
      // flush would otherwise send one over-quota request that the browser cancels on unload.
      on(doc, 'visibilitychange', () => doc!.visibilityState === 'hidden' && hide());
      on(globalThis, 'pagehide', hide);
    },
  };
}
