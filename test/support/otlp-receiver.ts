import { createServer, type IncomingMessage, type Server } from 'node:http';
import { closeNow, decodeBody, listenOnLoopback, readBody } from './loopback-server.js';

/** One request the receiver accepted, decoded. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** The OTLP/JSON body (frametel's exporters send JSON). */
  body: Record<string, unknown>;
}

/**
 * A real OTLP/HTTP receiver on 127.0.0.1 for integration tests: accepts POST /v1/traces,
 * /v1/metrics and /v1/logs with JSON bodies (gzip or deflate encoded or plain) and records
 * them. `status` lets a test make it fail; `delayMs` makes it slow.
 */
export class OtlpReceiver {
  readonly requests: ReceivedRequest[] = [];
  status = 200;
  delayMs = 0;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      let body: Record<string, unknown> = {};
      try {
        const raw = decodeBody(await readBody(req), req.headers['content-encoding']);
        body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        res.writeHead(400).end('not OTLP/JSON');
        return;
      }
      const reply = () => {
        if (this.status === 200) this.requests.push({ path: req.url ?? '', headers: req.headers, body });
        res.writeHead(this.status, { 'content-type': 'application/json' }).end('{}');
      };
      if (this.delayMs > 0) setTimeout(reply, this.delayMs);
      else reply();
    });
    return `http://127.0.0.1:${await listenOnLoopback(this.server)}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeNow(server);
  }

  bodies(path: string): Record<string, unknown>[] {
    return this.requests.filter((r) => r.path === path).map((r) => r.body);
  }

  /** Every span received: { resource attributes, scope, span }. */
  spans(): Array<{ resource: Record<string, unknown>; scope: string; span: OtlpSpan }> {
    return this.bodies('/v1/traces').flatMap((b) =>
      (
        b.resourceSpans as Array<{
          resource: { attributes: OtlpKeyValue[] };
          scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }>;
        }>
      ).flatMap((rs) =>
        rs.scopeSpans.flatMap((ss) =>
          ss.spans.map((span) => ({ resource: attributesOf(rs.resource.attributes), scope: ss.scope.name, span })),
        ),
      ),
    );
  }

  /** Every metric received, by name, with its data points. */
  metrics(): Array<{ name: string; unit: string; metric: Record<string, unknown> }> {
    return this.bodies('/v1/metrics').flatMap((b) =>
      (b.resourceMetrics as Array<{ scopeMetrics: Array<{ metrics: Array<Record<string, unknown>> }> }>).flatMap((rm) =>
        rm.scopeMetrics.flatMap((sm) =>
          sm.metrics.map((metric) => ({ name: metric.name as string, unit: metric.unit as string, metric })),
        ),
      ),
    );
  }

  logRecords(): OtlpLogRecord[] {
    return this.bodies('/v1/logs').flatMap((b) =>
      (b.resourceLogs as Array<{ scopeLogs: Array<{ logRecords: OtlpLogRecord[] }> }>).flatMap((rl) =>
        rl.scopeLogs.flatMap((sl) => sl.logRecords),
      ),
    );
  }
}

export interface OtlpKeyValue {
  key: string;
  value: {
    stringValue?: string;
    boolValue?: boolean;
    intValue?: string | number;
    doubleValue?: number;
    arrayValue?: unknown;
  };
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: OtlpKeyValue[];
  events?: Array<{ name: string; attributes: OtlpKeyValue[] }>;
  status?: { code?: number; message?: string };
}
export interface OtlpLogRecord {
  eventName?: string;
  severityNumber?: number;
  severityText?: string;
  traceId?: string;
  spanId?: string;
  attributes: OtlpKeyValue[];
}

/** OTLP/JSON key-values → a plain object (intValue strings become numbers). */
export function attributesOf(kvs: OtlpKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of kvs ?? []) {
    if ('stringValue' in value) out[key] = value.stringValue;
    else if ('boolValue' in value) out[key] = value.boolValue;
    else if ('intValue' in value) out[key] = Number(value.intValue);
    else if ('doubleValue' in value) out[key] = value.doubleValue;
    else out[key] = value;
  }
  return out;
}
