import type { ExportResponse } from '@opentelemetry/otlp-exporter-base';
import { join, type Piece, type Signal, sizeOf } from './payload.js';

/**
 * Chromium's keepalive quota is 64 KiB for all of a document's in-flight keepalive bodies; the
 * same 60 KiB / 9 requests as otlp-exporter-base's fetch transport, so both agree on what fits.
 */
const KEEPALIVE_BYTES = 61_440;
const KEEPALIVE_REQUESTS = 9;
/**
 * Quota other records leave free on hide for the important records of signals flushed after them
 * (hide listeners run one after another, so a later signal's violation may still be on its way):
 * 16 KiB and 3 requests.
 */
const RESERVE_BYTES = 16_384;
let inflightBytes = 0;
let inflightRequests = 0;

/** Whether a body of `bytes` still fits the quota next to what is in flight (`reserve` 1: and the reserve). */
export function fits(bytes: number, reserve = 0): boolean {
  return (
    inflightBytes + bytes + reserve * RESERVE_BYTES <= KEEPALIVE_BYTES &&
    inflightRequests + reserve * 3 < KEEPALIVE_REQUESTS
  );
}

/**
 * Counts a request about to be sent against the quota if it fits (upstream's fetch transport makes
 * it keepalive iff it fits: only those count); returns the release for when it is answered.
 */
export function claim(bytes: number): () => void {
  const size = fits(bytes) ? bytes : 0;
  const n = size && 1;
  inflightBytes += size;
  inflightRequests += n;
  return () => {
    inflightBytes -= size;
    inflightRequests -= n;
  };
}

/** The export's error, telling CountingExporter how many of its items were stored or sent instead of lost. */
export function withStored(r: ExportResponse, stored: number, sent = 0): ExportResponse {
  const error = (r as { error?: Error }).error ?? new Error('kept for a later retry');
  return { status: 'failure', error: Object.assign(error, { stored, sent }) };
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
