import {
  XMLHttpRequestInstrumentation,
  type XMLHttpRequestInstrumentationConfig,
} from '@opentelemetry/instrumentation-xml-http-request';
import {
  ATTR_HTTP_METHOD_DEPRECATED,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_URL_DEPRECATED,
  ATTR_URL_FULL,
} from '../../semconv.js';
import { annotateRequestSpan, requestInstrumentationOptions, type SdkSpan } from './annotate.js';
import { checkNetworkOptions, NETWORK_DEFAULTS } from './options.js';
import { NetworkStats, type RequestRecord, type RouteStats } from './stats.js';

export interface XhrNetworkInstrumentationConfig extends XMLHttpRequestInstrumentationConfig {
  /** Origins (or URL regexes) that may receive trace headers besides the page's own. Default []. */
  propagateTo?: Array<string | RegExp>;
  /** Keep query values in URL attributes. Default `NETWORK_DEFAULTS.recordQueryValues` (false). */
  recordQueryValues?: boolean;
  /** Requests slower than this count as slow in `networkStats()`. Default `NETWORK_DEFAULTS.slowThresholdMs` (1000 ms). */
  slowThresholdMs?: number;
}

/**
 * @opentelemetry/instrumentation-xml-http-request with the same defaults and additions as
 * NetworkInstrumentation (fetch): `ui.operation = fetch`, route templates, redacted query values,
 * same-origin-only propagation, OTLP URLs ignored, per-route stats.
 */
export class XhrNetworkInstrumentation extends XMLHttpRequestInstrumentation {
  declare private stats: NetworkStats | undefined;

  /** Throws FrametelConfigError for a bad frametel option (defaults in NETWORK_DEFAULTS). */
  constructor(config: XhrNetworkInstrumentationConfig = {}) {
    const {
      propagateTo,
      recordQueryValues = NETWORK_DEFAULTS.recordQueryValues,
      slowThresholdMs = NETWORK_DEFAULTS.slowThresholdMs,
      applyCustomAttributesOnSpan,
      ignoreUrls,
      ...rest
    } = checkNetworkOptions('XhrNetworkInstrumentation', config);
    super({
      ...rest,
      ...requestInstrumentationOptions({ propagateTo, ignoreUrls, applyCustomAttributesOnSpan }, ((span, xhr) => {
        const s = span as SdkSpan;
        const attrs = s.attributes ?? {};
        const url = String(attrs[ATTR_URL_FULL] ?? attrs[ATTR_HTTP_URL_DEPRECATED] ?? xhr.responseURL ?? '');
        const method = String(attrs[ATTR_HTTP_REQUEST_METHOD] ?? attrs[ATTR_HTTP_METHOD_DEPRECATED] ?? 'GET');
        annotateRequestSpan(s, method, url, xhr.status, recordQueryValues, this?.stats);
      }) as NonNullable<XMLHttpRequestInstrumentationConfig['applyCustomAttributesOnSpan']>),
    });
    this.stats ??= new NetworkStats(slowThresholdMs);
  }

  /** Per-route count, p50/p95 (ms), failures, slow requests, bytes and cache-hit ratio. */
  networkStats(): RouteStats[] {
    return this.stats?.routes() ?? [];
  }

  /** The last n requests, newest first. */
  recentRequests(n = 10): RequestRecord[] {
    return this.stats?.recentRequests(n) ?? [];
  }
}
