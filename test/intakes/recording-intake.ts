import { createServer, type IncomingMessage, type Server } from 'node:http';
import { closeNow, decodeBody, listenOnLoopback, readBody } from '../support/loopback-server.js';

/** One request a vendor intake received: path, headers and the decompressed body. */
export interface IntakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * A stand-in for a vendor's SaaS intake (the only stand-ins frametel's tests allow): an HTTP
 * server on 127.0.0.1 that accepts the vendor's real wire paths, answers like the vendor and
 * records what arrived. It can be stopped and started again on the same port, so tests can take
 * a back end down and bring it back.
 */
export class RecordingIntake {
  readonly requests: IntakeRequest[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(
    readonly name: string,
    /** Path patterns this vendor accepts, with the status and body it answers. */
    private readonly routes: Array<{ method?: string; path: RegExp; status: number; body?: string }>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = this.port): Promise<string> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const path = (req.url ?? '').split('?')[0]!;
      const route = this.routes.find((r) => r.path.test(path) && (r.method ?? 'POST') === req.method);
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      let body: Buffer;
      try {
        body = decodeBody(raw, req.headers['content-encoding']);
      } catch (error) {
        res.writeHead(400).end(String(error));
        return;
      }
      this.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      res.writeHead(route.status, { 'content-type': 'application/json' }).end(route.body ?? '{}');
    });
    this.port = await listenOnLoopback(this.server, port);
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeNow(server);
  }

  /** Requests to paths matching `path`. */
  to(path: RegExp): IntakeRequest[] {
    return this.requests.filter((r) => path.test(r.path));
  }

  /** Whether any request to `path` carries `text` in its decompressed body (protobuf keeps strings as UTF-8). */
  received(path: RegExp, text: string): boolean {
    return this.to(path).some((r) => r.body.includes(text));
  }

  /** Distinct matches of `pattern` over every body sent to `path`. */
  distinct(path: RegExp, pattern: RegExp): Set<string> {
    const out = new Set<string>();
    for (const r of this.to(path)) for (const m of r.body.toString('latin1').matchAll(pattern)) out.add(m[0]);
    return out;
  }
}

const OTLP = (prefix: string) => [{ path: new RegExp(`^${prefix}/v1/(traces|logs|metrics)$`), status: 200 }];

/** Sentry's OTLP ingestion: /api/<project>/integration/otlp/v1/{traces,logs} (no metrics). */
export const sentryIntake = () =>
  new RecordingIntake('sentry', [{ path: /^\/api\/\d+\/integration\/otlp\/v1\/(traces|logs)$/, status: 200 }]);

/** Datadog's OTLP intake: /v1/{traces,metrics,logs} with the dd-api-key header. */
export const datadogIntake = () => new RecordingIntake('datadog', OTLP(''));

/** New Relic's OTLP endpoint: /v1/{traces,metrics,logs} with the api-key header. */
export const newRelicIntake = () => new RecordingIntake('newrelic', OTLP(''));
