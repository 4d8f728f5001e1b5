import { FetchInstrumentation, type FetchInstrumentationConfig } from '@opentelemetry/instrumentation-fetch';
import {
  ATTR_HTTP_METHOD_DEPRECATED,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_URL_DEPRECATED,
  ATTR_URL_FULL,
} from '../../semconv.js';
import { annotateRequestSpan, requestInstrumentationOptions, type SdkSpan } from './annotate.js';
import { checkNetworkOptions, NETWORK_DEFAULTS } from './options.js';
import { NetworkStats, type RequestRecord, type RouteStats } from './stats.js';

export interface NetworkInstrumentationConfig extends FetchInstrumentationConfig {
  /**
   * Origins (or URL regexes) that may receive `traceparent` headers besides the page's own origin.
   * Never `/.*\/`: third parties would see your trace ids and CORS preflights would multiply.
   * Default [] (same origin only). A single string is a FrametelConfigError, not one origin.
   */
  propagateTo?: Array<string | RegExp>;
  /** Keep query values in `url.full` (they often carry tokens and personal data). Default `NETWORK_DEFAULTS.recordQueryValues` (false). */
  recordQueryValues?: boolean;
  /** Requests slower than this count as slow in `networkStats()`. Default `NETWORK_DEFAULTS.slowThresholdMs` (1000 ms). */
  slowThresholdMs?: number;
}

/**
 * @opentelemetry/instrumentation-fetch with frametel's defaults: spans carry `ui.operation = fetch`
 * (so budgets and stats apply) and `ui.network.route`; query values are redacted; trace headers go
 * to the page's origin and `propagateTo` only; OTLP export requests are not traced; and
 * `networkStats()` / `recentRequests()` give per-route numbers for the overlay.
 */
export class NetworkInstrumentation extends FetchInstrumentation {
  declare private stats: NetworkStats | undefined;

  /** Throws FrametelConfigError for a bad frametel option (defaults in NETWORK_DEFAULTS). */
  constructor(config: NetworkInstrumentationConfig = {}) {
    const {
      propagateTo,
      recordQueryValues = NETWORK_DEFAULTS.recordQueryValues,
      slowThresholdMs = NETWORK_DEFAULTS.slowThresholdMs,
      applyCustomAttributesOnSpan,
      ignoreUrls,
      ...rest
    } = checkNetworkOptions('NetworkInstrumentation', config);
    super({
      ...rest,
      ...requestInstrumentationOptions({ propagateTo, ignoreUrls, applyCustomAttributesOnSpan }, ((
        span,
        request,
        result,
      ) =>
        this?.annotate(
          span as SdkSpan,
          request,
          result as { status?: number; url?: string },
          recordQueryValues,
        )) as NonNullable<FetchInstrumentationConfig['applyCustomAttributesOnSpan']>),
    });
    this.stats ??= new NetworkStats(slowThresholdMs);
  }

  private annotate(
    span: SdkSpan,
    request: Request | RequestInit,
    result: { status?: number; url?: string },
    keepQuery: boolean,
  ): void {
    const attrs = span.attributes ?? {};
    const rawUrl = String(
      attrs[ATTR_URL_FULL] ?? attrs[ATTR_HTTP_URL_DEPRECATED] ?? (request as Request).url ?? result.url ?? '',
    );
    const method = String(
      attrs[ATTR_HTTP_REQUEST_METHOD] ?? attrs[ATTR_HTTP_METHOD_DEPRECATED] ?? (request as Request).method ?? 'GET',
    );
    annotateRequestSpan(span, method, rawUrl, result.status ?? 0, keepQuery, this.stats);
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
