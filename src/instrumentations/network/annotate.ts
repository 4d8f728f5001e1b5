import { diag, type Span } from '@opentelemetry/api';
import {
  ATTR_HTTP_RESPONSE_BODY_SIZE,
  ATTR_HTTP_URL_DEPRECATED,
  ATTR_UI_NETWORK_CACHE_HIT,
  ATTR_UI_NETWORK_ROUTE,
  ATTR_UI_OPERATION,
  ATTR_URL_FULL,
  OP_FETCH,
} from '../../semconv.js';
import { redactUrl, routeTemplate } from './route.js';
import type { NetworkStats, RequestPhases, RequestRecord } from './stats.js';

/** The exporters' own requests: tracing them would trace the tracing. */
export const EXPORT_URLS = /\/v1\/(traces|metrics|logs)(\?|$)/;
const URL_ATTRIBUTES = [ATTR_URL_FULL, ATTR_HTTP_URL_DEPRECATED];

export type SdkSpan = Span & { attributes?: Record<string, unknown>; startTime?: [number, number] };
type Timing = {
  startTime: number;
  transferSize?: number;
  encodedBodySize?: number;
  decodedBodySize?: number;
  domainLookupStart?: number;
  domainLookupEnd?: number;
  connectStart?: number;
  connectEnd?: number;
  secureConnectionStart?: number;
  requestStart?: number;
  responseStart?: number;
  responseEnd?: number;
};

/** The phases of a Resource Timing entry; undefined when its detail is hidden (cross-origin, no Timing-Allow-Origin). */
export function timingPhases(t: Timing): RequestPhases | undefined {
  const d = (from: number | undefined, to: number | undefined) =>
    from !== undefined && to !== undefined && from > 0 && to >= from ? to - from : 0;
  if (!t.responseStart || !t.requestStart) return undefined; // zeroed: no detail for this origin
  return {
    dnsMs: d(t.domainLookupStart, t.domainLookupEnd),
    connectMs: d(t.connectStart, t.connectEnd),
    tlsMs: d(t.secureConnectionStart, t.connectEnd),
    ttfbMs: d(t.requestStart, t.responseStart),
    downloadMs: d(t.responseStart, t.responseEnd),
  };
}

/**
 * The Resource Timing entry of this request: the entry for its URL that started closest after the
 * span did (a later request to the same URL, e.g. a cached repeat, has its own later entry).
 */
function resourceTiming(url: string, startedEpochMs: number): Timing | undefined {
  try {
    const href = new URL(url, typeof location !== 'undefined' ? location.href : 'http://localhost/').href;
    const entries = performance.getEntriesByName(href, 'resource') as unknown as Timing[];
    const startedAt = startedEpochMs - performance.timeOrigin;
    let best: Timing | undefined;
    for (const e of entries) {
      if (e.startTime < startedAt - 5) continue; // an earlier request's entry (5 ms: clock rounding)
      if (best === undefined || e.startTime < best.startTime) best = e;
    }
    return best;
  } catch {
    return undefined;
  }
}

/**
 * What frametel adds to a fetch or XHR span before it ends: `ui.operation = fetch` (budgets and
 * stats apply), the route template, redacted URL attributes; and, when the instrumentation ends
 * the span (after its Resource Timing wait), the response body size, the cache-hit flag and the
 * per-route stats.
 */
export function annotateRequestSpan(
  span: SdkSpan,
  method: string,
  rawUrl: string,
  status: number,
  keepQuery: boolean,
  stats: NetworkStats | undefined,
): void {
  const attrs = span.attributes ?? {};
  const route = routeTemplate(method, rawUrl);
  span.setAttribute(ATTR_UI_OPERATION, OP_FETCH);
  span.setAttribute(ATTR_UI_NETWORK_ROUTE, route);
  if (!keepQuery) for (const key of URL_ATTRIBUTES) if (key in attrs) span.setAttribute(key, redactUrl(rawUrl));
  const end = span.end.bind(span);
  span.end = (endTime?: Parameters<Span['end']>[0]) => {
    try {
      const started = span.startTime ? span.startTime[0] * 1e3 + span.startTime[1] / 1e6 : Date.now();
      const timing = resourceTiming(rawUrl, started);
      const cacheHit = !!timing && timing.transferSize === 0 && (timing.encodedBodySize ?? 0) > 0;
      span.setAttribute(ATTR_UI_NETWORK_CACHE_HIT, cacheHit);
      if (timing?.encodedBodySize !== undefined)
        span.setAttribute(ATTR_HTTP_RESPONSE_BODY_SIZE, timing.encodedBodySize);
      const ended = Array.isArray(endTime)
        ? endTime[0] * 1e3 + endTime[1] / 1e6
        : typeof endTime === 'number'
          ? endTime
          : Date.now();
      const record: RequestRecord = {
        method,
        url: keepQuery ? rawUrl : redactUrl(rawUrl),
        route,
        status,
        durationMs: Math.max(0, ended - started),
        bytes: timing?.encodedBodySize ?? 0,
        cacheHit,
      };
      const { traceId, spanId } = span.spanContext();
      record.traceId = traceId;
      record.spanId = spanId;
      const phases = timing && timingPhases(timing);
      if (phases) record.phases = phases;
      if (timing?.transferSize !== undefined) record.transferSize = timing.transferSize;
      if (timing?.decodedBodySize !== undefined) record.decodedBodySize = timing.decodedBodySize;
      stats?.record(record);
    } catch (error) {
      diag.error('frametel network: could not record request stats', error);
    }
    end(endTime);
  };
}

/** frametel's options shared by the fetch and XHR instrumentations (each JSDoc'd on its config). */
export interface RequestOptions<Hook extends (...args: never[]) => void> {
  propagateTo?: Array<string | RegExp>;
  ignoreUrls?: Array<string | RegExp>;
  applyCustomAttributesOnSpan?: Hook;
}

/**
 * A `propagateTo` string is an origin (`https://api.example.com`) or a URL prefix; upstream compares
 * strings to the whole request URL (`url === string`), which no request with a path matches.
 * Strings become a regex anchored at that origin/prefix followed by a path, query or the end.
 */
export function originPattern(entry: string | RegExp): RegExp {
  if (entry instanceof RegExp) return entry;
  const prefix = entry.replace(/\/+$/, '');
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[/?#]|$)`);
}

/**
 * The upstream instrumentation options frametel sets: trace headers to `propagateTo` (and the
 * page's own origin) only, the exporters' own requests ignored, and a custom-attributes hook that
 * runs frametel's annotation and then the user's, neither able to break the request.
 */
export function requestInstrumentationOptions<Hook extends (...args: never[]) => void>(
  options: RequestOptions<Hook>,
  annotate: Hook,
) {
  const user = options.applyCustomAttributesOnSpan;
  return {
    propagateTraceHeaderCorsUrls: (options.propagateTo ?? []).map(originPattern),
    ignoreUrls: [...(options.ignoreUrls ?? []), EXPORT_URLS],
    applyCustomAttributesOnSpan: ((...args: Parameters<Hook>) => {
      try {
        annotate(...args);
      } catch (error) {
        diag.error('frametel network: could not annotate a request span', error);
      }
      if (user) {
        try {
          user(...args);
        } catch (error) {
          diag.error('frametel network: applyCustomAttributesOnSpan threw', error);
        }
      }
    }) as Hook,
  };
}
