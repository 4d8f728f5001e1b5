import { diag, type Span } from '@opentelemetry/api';
import { FetchInstrumentation, type FetchInstrumentationConfig } from '@opentelemetry/instrumentation-fetch';
import { ATTR_UI_NETWORK_CACHE_HIT, ATTR_UI_NETWORK_ROUTE, ATTR_UI_OPERATION, OP_FETCH } from '../../semconv.js';
import { redactUrl, routeTemplate } from './route.js';
import { NetworkStats, type RequestRecord, type RouteStats } from './stats.js';

export interface NetworkInstrumentationConfig extends FetchInstrumentationConfig {
  /**
   * Origins (or URL regexes) that may receive `traceparent` headers besides the page's own origin.
   * Never `/.*\/`: third parties would see your trace ids and CORS preflights would multiply.
   * Default [] (same origin only).
   */
  propagateTo?: Array<string | RegExp>;
  /** Keep query values in `url.full` (they often carry tokens and personal data). Default false. */
  recordQueryValues?: boolean;
  /** Requests slower than this count as slow in `networkStats()`. Default 1000 ms. */
  slowThresholdMs?: number;
}

const URL_ATTRIBUTES = ['url.full', 'http.url'];

type SdkSpan = Span & { attributes?: Record<string, unknown>; startTime?: [number, number] };
type Timing = { transferSize?: number; encodedBodySize?: number; decodedBodySize?: number };

function resourceTiming(url: string): Timing | undefined {
  try {
    const entries = performance.getEntriesByName(new URL(url, typeof location !== 'undefined' ? location.href : 'http://localhost/').href, 'resource') as unknown as Timing[];
    return entries.at(-1);
  } catch {
    return undefined;
  }
}

/**
 * @opentelemetry/instrumentation-fetch with frametel's defaults: spans carry `ui.operation = fetch`
 * (so budgets and stats apply) and `ui.network.route`; query values are redacted; trace headers go
 * to the page's origin and `propagateTo` only; OTLP export requests are not traced; and
 * `networkStats()` / `recentRequests()` give per-route numbers for the overlay.
 */
export class NetworkInstrumentation extends FetchInstrumentation {
  declare private stats: NetworkStats | undefined;

  constructor(config: NetworkInstrumentationConfig = {}) {
    const { propagateTo = [], recordQueryValues = false, slowThresholdMs = 1000, applyCustomAttributesOnSpan, ignoreUrls = [], ...rest } = config;
    let self: NetworkInstrumentation | undefined;
    super({
      ...rest,
      propagateTraceHeaderCorsUrls: propagateTo,
      // The exporters' own requests: tracing them would trace the tracing.
      ignoreUrls: [...ignoreUrls, /\/v1\/(traces|metrics|logs)(\?|$)/],
      applyCustomAttributesOnSpan: (span, request, result) => {
        try {
          self?.annotate(span as SdkSpan, request, result as { status?: number; url?: string }, recordQueryValues);
        } catch (error) {
          diag.error('frametel network: could not annotate a fetch span', error);
        }
        if (applyCustomAttributesOnSpan) {
          try {
            applyCustomAttributesOnSpan(span, request, result);
          } catch (error) {
            diag.error('frametel network: applyCustomAttributesOnSpan threw', error);
          }
        }
      },
    });
    self = this;
    this.stats ??= new NetworkStats(slowThresholdMs);
  }

  private annotate(span: SdkSpan, request: Request | RequestInit, result: { status?: number; url?: string }, keepQuery: boolean): void {
    const attrs = span.attributes ?? {};
    const rawUrl = String(attrs['url.full'] ?? attrs['http.url'] ?? (request as Request).url ?? result.url ?? '');
    const method = String(attrs['http.request.method'] ?? attrs['http.method'] ?? (request as Request).method ?? 'GET');
    const route = routeTemplate(method, rawUrl);
    span.setAttribute(ATTR_UI_OPERATION, OP_FETCH);
    span.setAttribute(ATTR_UI_NETWORK_ROUTE, route);
    if (!keepQuery) for (const key of URL_ATTRIBUTES) if (key in attrs) span.setAttribute(key, redactUrl(rawUrl));
    // Stats need the final timing: read them when the instrumentation ends the span.
    const end = span.end.bind(span);
    const status = result.status ?? 0;
    span.end = (endTime?: Parameters<Span['end']>[0]) => {
      try {
        const timing = resourceTiming(rawUrl);
        const cacheHit = !!timing && timing.transferSize === 0 && (timing.encodedBodySize ?? 0) > 0;
        span.setAttribute(ATTR_UI_NETWORK_CACHE_HIT, cacheHit);
        const started = span.startTime ? span.startTime[0] * 1e3 + span.startTime[1] / 1e6 : Date.now();
        const ended = Array.isArray(endTime) ? endTime[0] * 1e3 + endTime[1] / 1e6 : typeof endTime === 'number' ? endTime : Date.now();
        const record: RequestRecord = { method, url: keepQuery ? rawUrl : redactUrl(rawUrl), route, status, durationMs: Math.max(0, ended - started), bytes: timing?.encodedBodySize ?? 0, cacheHit };
        this.stats?.record(record);
      } catch (error) {
        diag.error('frametel network: could not record request stats', error);
      }
      end(endTime);
    };
  }

  /** Per-route count, p50/p95 (ms), failures, slow requests, bytes and cache-hit ratio. */
  networkStats(): RouteStats[] {
    return this.stats?.routes() ?? [];
  }

  /** The last n requests (URLs redacted unless recordQueryValues), newest first; the overlay's source. */
  recentRequests(n = 10): RequestRecord[] {
    return this.stats?.recentRequests(n) ?? [];
  }
}
