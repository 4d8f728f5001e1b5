import type { ExportResponse, IExporterTransport } from '@opentelemetry/otlp-exporter-base';
import { claim } from './keepalive.js';
import type { Signal } from './payload.js';

/**
 * The seam delivery works at: frametel's OTLP exporters keep upstream's serialisation, fetch
 * transport (keepalive within the quota) and retrying transport (Retry-After); delivery sits
 * between the exporter and that retrying transport (and persistence watches each fetch attempt
 * below it).
 */

/** The OTLP exporter's private seam: its delegate's transport (pinned otlp-exporter-base). */
type Seam = {
  _delegate?: { _transport?: IExporterTransport & { _transport?: IExporterTransport }; _timeout?: number };
};

/** Order of wrapping, and so of re-sending (Transports.signals): most important first. */
const ORDER: Signal[] = ['logs', 'traces', 'metrics'];

/** The wrapped transports, as the unload flush and persistence send through them. */
export interface Transports {
  /** The signals whose exporter had the seam, in ORDER (the others are not delivered through here). */
  signals: Signal[];
  /** The exporters' export timeout: upstream's retries of one export end by then. */
  timeout: number;
  /** One export through `signal`'s retrying transport, counted against the keepalive quota; a throw is a retryable answer. */
  send(signal: Signal, data: Uint8Array, timeout: number): Promise<ExportResponse>;
  /** Sees the answer to every `send` (persistence sets it). */
  watch?: (r: ExportResponse) => void;
  /**
   * The transports below the retrying ones (upstream's fetch transport): one send each per
   * attempt, so watching them tells at once that the collector is down, not only after all retries.
   */
  attempts: IExporterTransport[];
}

/** The export's error, telling CountingExporter how many of its items were stored or sent instead of lost. */
export function withStored(r: ExportResponse, stored: number, sent = 0): ExportResponse {
  const error = (r as { error?: Error }).error ?? new Error('kept for a later retry');
  return { status: 'failure', error: Object.assign(error, { stored, sent }) };
}

/** Puts `route` between each signal's OTLP exporter (the first of its list) and its transport. */
export function wrapTransports(
  exporters: Record<Signal, object[]>,
  route: (signal: Signal, data: Uint8Array, timeout: number) => Promise<ExportResponse>,
): Transports {
  const inners: Partial<Record<Signal, IExporterTransport>> = {};
  const t: Transports = {
    signals: [],
    timeout: 10_000,
    attempts: [],
    async send(signal, data, timeout) {
      const release = claim(data.byteLength);
      try {
        const r = await inners[signal]!.send(data, timeout);
        t.watch?.(r);
        return r;
      } catch (error) {
        return { status: 'retryable', error: error as Error };
      } finally {
        release();
      }
    },
  };
  for (const signal of ORDER) {
    const delegate = (exporters[signal][0] as Seam)._delegate ?? {};
    const inner = delegate._transport;
    if (!inner?.send) continue;
    const attempts = inner._transport;
    if (attempts?.send) t.attempts.push(attempts);
    inners[signal] = inner;
    t.signals.push(signal);
    t.timeout = delegate._timeout ?? t.timeout;
    delegate._transport = {
      send: (data, timeout) => route(signal, data, timeout),
      shutdown: () => inner.shutdown(),
    };
  }
  return t;
}
