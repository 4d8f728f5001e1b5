import { createServer, request, type Server } from 'node:http';
import { closeNow, listenOnLoopback, readBody } from './loopback-server.js';

/** A POST through the proxy: its path and body, and what became of it. */
export interface HeldRequest {
  path: string;
  body: Buffer;
  /** It arrived while holding. */
  held: boolean;
  /** Its client closed the connection while it was held (the page that sent it is gone): never passed on. */
  abandoned: boolean;
  /** Passed on to the upstream (at once, or after its hold). */
  forwarded: boolean;
}

/**
 * An OTLP/HTTP endpoint in front of a real collector, as a slow link: while holding, every POST
 * waits `holdMs` from its arrival (its body read) before it is passed on to the collector, and
 * one whose client closes the connection meanwhile is never passed on. An ordinary fetch of a
 * page that goes within that time dies with its document, a keepalive one outlives it — on any
 * machine, however loaded: the way a real link behaves, where an upload is never done in the
 * instant loopback takes. Preflights (OPTIONS), and every request when not holding, go straight
 * through.
 */
export class HoldingProxy {
  readonly requests: HeldRequest[] = [];
  private server: Server | undefined;
  private holding = false;
  private lastArrival = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly upstream: () => string,
    private readonly holdMs = 5000,
  ) {}

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
      this.lastArrival = Date.now();
      const held: HeldRequest = { path: req.url ?? '/', body, held: this.holding, abandoned: false, forwarded: false };
      this.requests.push(held);
      if (!this.holding) {
        held.forwarded = true;
        return forward();
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (held.abandoned || res.destroyed) return void (held.abandoned = true);
        held.forwarded = true;
        forward();
      }, this.holdMs);
      this.timers.add(timer);
      // 'close' before an answer was written: the client gave up on it (cancelled, or its renderer went).
      res.once('close', () => {
        if (res.writableFinished || held.forwarded) return;
        held.abandoned = true;
        clearTimeout(timer);
        this.timers.delete(timer);
      });
    });
    return `http://127.0.0.1:${await listenOnLoopback(this.server)}`;
  }

  /** From now on each POST waits holdMs; `requests` starts empty. */
  hold(): void {
    this.requests.splice(0);
    this.holding = true;
  }

  /**
   * Resolves once no POST has arrived for `quietMs` — counted from this call at the earliest —
   * and each held one is abandoned or passed on (at most `timeoutMs`), then stops holding: the
   * page's exports have all met their fate. Counting from the call matters: a page's hide-time
   * export can reach the proxy a moment after `page.close()` resolved, and released from holding
   * it would go straight through (a control run once saw its span arrive that way).
   */
  async settled(quietMs = 2000, timeoutMs = 30_000): Promise<void> {
    const called = Date.now();
    const deadline = called + timeoutMs;
    const busy = () =>
      Date.now() - Math.max(this.lastArrival, called) < quietMs ||
      this.requests.some((r) => r.held && !r.abandoned && !r.forwarded);
    while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    this.holding = false;
  }

  /** POSTs whose body contains `text` (latin1: protobuf string fields are plain bytes). */
  containing(text: string): HeldRequest[] {
    return this.requests.filter((r) => r.body.toString('latin1').includes(text));
  }

  async stop(): Promise<void> {
    this.holding = false;
    for (const t of this.timers) clearTimeout(t);
    await closeNow(this.server);
  }
}
