import { createServer, type Server } from 'node:http';
import { closeNow, decodeBody, listenOnLoopback, readBody } from '../support/loopback-server.js';

/** One item of a Sentry envelope: its header and parsed payload. */
export interface EnvelopeItem {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * A stand-in for Sentry's store endpoint: accepts envelopes at POST /api/<project>/envelope/ on
 * 127.0.0.1 (the path and format Sentry's SDKs use), answers 200 like Sentry, records the items.
 */
export class SentryEnvelopeIntake {
  readonly items: EnvelopeItem[] = [];
  readonly requests: Array<{ path: string; auth: string | undefined }> = [];
  private server: Server | undefined;
  port = 0;

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const encoded = await readBody(req);
      const path = (req.url ?? '').split('?')[0]!;
      if (req.method !== 'POST' || !/^\/api\/\d+\/envelope\/$/.test(path)) return void res.writeHead(404).end();
      const raw = decodeBody(encoded, req.headers['content-encoding']);
      this.requests.push({
        path,
        auth:
          (req.headers['x-sentry-auth'] as string | undefined) ??
          new URL(req.url ?? '', 'http://x').searchParams.get('sentry_key') ??
          undefined,
      });
      const lines = raw
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      for (let i = 1; i + 1 < lines.length; i += 2)
        this.items.push({ header: JSON.parse(lines[i]!), payload: JSON.parse(lines[i + 1]!) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    this.port = await listenOnLoopback(this.server);
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    await closeNow(s);
  }

  events(): Array<Record<string, unknown>> {
    return this.items.filter((i) => i.header.type === 'event').map((i) => i.payload);
  }
}
