import { createServer, request, type Server } from 'node:http';
import { closeNow, listenOnLoopback, readBody } from './loopback-server.js';

/** A POST through the proxy: its path and body, and what became of it. */
export interface HeldRequest {
  path: string;
  body: Buffer;
  /** It arrived while holding. */
  held: boolean;
  /** Its client closed the connection before release (the page that sent it is gone): never passed on. */
  abandoned: boolean;
  /** Passed on to the upstream (at once, or at release). */
  forwarded: boolean;
}

/**
 * An OTLP/HTTP endpoint in front of a real collector that, while holding, answers no POST:
 * each one waits, its body read, until release(). What its client abandoned meanwhile is never
 * passed on; the rest goes to the collector with its answer piped back. A page that navigates
 * while its export is held loses that export exactly when the browser cancels it — an ordinary
 * fetch dies with its document, a keepalive one outlives it — whatever the machine's speed: the
 * way a real link behaves, where an upload is never done in the microseconds loopback takes.
 * Preflights (OPTIONS) and, when not holding, every request go straight through.
 */
export class HoldingProxy {
  readonly requests: HeldRequest[] = [];
  private server: Server | undefined;
  private holding = false;
  private waiting: Array<() => void> = [];

  constructor(private readonly upstream: () => string) {}

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      const forward = () => {
        const up = request(
          `${this.upstream()}${req.url ?? '/'}`,
          { method: req.method, headers: { ...req.headers, 'content-length': String(body.length) } },
          (r) => {
            res.writeHead(r.statusCode ?? 502, r.headers);
            r.pipe(res);
          },
        );
        up.on('error', () => res.headersSent || res.writeHead(502).end());
        up.end(body);
      };
      if (req.method !== 'POST') return forward();
      const held: HeldRequest = {
        path: req.url ?? '/',
        body,
        held: this.holding,
        abandoned: false,
        forwarded: false,
      };
      this.requests.push(held);
      if (!this.holding) {
        held.forwarded = true;
        return forward();
      }
      // 'close' before an answer was written: the client gave up on it (cancelled, or its renderer went).
      res.once('close', () => {
        if (!res.writableFinished && !held.forwarded) held.abandoned = true;
      });
      this.waiting.push(() => {
        if (held.abandoned || res.destroyed) return void (held.abandoned = true);
        held.forwarded = true;
        forward();
      });
    });
    return `http://127.0.0.1:${await listenOnLoopback(this.server)}`;
  }

  /** From now on POSTs wait for release(). */
  hold(): void {
    this.holding = true;
  }

  /** Stops holding and passes on every held request whose client is still connected. */
  release(): void {
    this.holding = false;
    for (const go of this.waiting.splice(0)) go();
  }

  /** POSTs whose body contains `text` (latin1: protobuf string fields are plain bytes). */
  containing(text: string): HeldRequest[] {
    return this.requests.filter((r) => r.body.toString('latin1').includes(text));
  }

  async stop(): Promise<void> {
    this.release();
    await closeNow(this.server);
  }
}
