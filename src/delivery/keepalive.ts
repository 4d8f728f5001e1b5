/**
 * Chromium's keepalive quota is 64 KiB for all of a document's in-flight keepalive bodies; the
 * same 60 KiB / 9 requests as otlp-exporter-base's fetch transport, so both agree on what fits.
 * Every request through the wrapped transports is counted here (transport.ts), so that the
 * hide-time packing (unload-flush.ts) knows what is still free.
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
