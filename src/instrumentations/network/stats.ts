import { OperationStats } from '../../stats/operation-stats.js';

/** Per-route network statistics (ms, bytes). */
export interface RouteStats {
  route: string;
  count: number;
  p50: number;
  p95: number;
  failures: number;
  slow: number;
  bytes: number;
  /** Share of requests served from the HTTP cache (Resource Timing: transferSize 0, body > 0). */
  cacheHitRatio: number;
}

/** Resource Timing phases of one request, ms (0 when skipped: a reused connection, a cache hit). */
export interface RequestPhases {
  dnsMs: number;
  connectMs: number;
  /** Part of connect. */
  tlsMs: number;
  /** Request sent → first byte of the response. */
  ttfbMs: number;
  downloadMs: number;
}

export interface RequestRecord {
  method: string;
  url: string;
  route: string;
  status: number;
  durationMs: number;
  bytes: number;
  cacheHit: boolean;
  /** The request span's trace and span id (what `traceparent` carried where it was propagated). */
  traceId?: string;
  spanId?: string;
  /** From the request's Resource Timing entry; absent without one (or cross-origin without Timing-Allow-Origin). */
  phases?: RequestPhases;
  /** Bytes over the network (headers included; 0 from the cache), Resource Timing transferSize. */
  transferSize?: number;
  /** Response body bytes after decoding (decompressed), Resource Timing decodedBodySize. */
  decodedBodySize?: number;
}

/** Route stats on the same DDSketch as ft.stats, plus counts; bounded in routes and recent requests. */
export class NetworkStats {
  private readonly durations = new OperationStats({ maxOperations: 500 });
  private readonly extra = new Map<string, { failures: number; slow: number; bytes: number; cacheHits: number }>();
  private readonly recent: RequestRecord[] = [];

  constructor(private readonly slowThresholdMs: number) {}

  record(r: RequestRecord): void {
    this.durations.record(r.route, r.durationMs);
    if (!this.durations.get(r.route)) return; // over the route limit: counted in droppedSamples
    let e = this.extra.get(r.route);
    if (!e) this.extra.set(r.route, (e = { failures: 0, slow: 0, bytes: 0, cacheHits: 0 }));
    if (r.status === 0 || r.status >= 400) e.failures++;
    if (r.durationMs > this.slowThresholdMs) e.slow++;
    e.bytes += r.bytes;
    if (r.cacheHit) e.cacheHits++;
    this.recent.unshift(r);
    if (this.recent.length > 50) this.recent.length = 50;
  }

  routes(): RouteStats[] {
    return this.durations.all().map((m) => {
      const e = this.extra.get(m.operation)!;
      return {
        route: m.operation,
        count: m.count,
        p50: m.p50,
        p95: m.p95,
        failures: e.failures,
        slow: e.slow,
        bytes: e.bytes,
        cacheHitRatio: e.cacheHits / m.count,
      };
    });
  }

  recentRequests(n: number): RequestRecord[] {
    return this.recent.slice(0, Math.max(0, n)).map((r) => ({ ...r }));
  }
}
