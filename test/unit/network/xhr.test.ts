// @vitest-environment happy-dom
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register, type Frametel } from '../../../src/index.js';
import { XhrNetworkInstrumentation } from '../../../src/instrumentations/network/index.js';

let server: Server;
let base: string;
let ft: Frametel;
let inst: XhrNetworkInstrumentation;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (process.env.DEBUG_XHR) console.log('REQ', req.method, req.url, JSON.stringify(req.headers));
    // happy-dom preflights cross-origin XHRs (its page is http://localhost:3000)
    if (req.method === 'OPTIONS')
      return void res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' }).end();
    const status = (req.url ?? '').startsWith('/missing') ? 404 : 200;
    res
      .writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
      .end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  inst = new XhrNetworkInstrumentation();
  ft = register({ serviceName: 'xhr', endpoint: false, exporters: { traces: [exporter] }, instrumentations: [inst] });
});
afterAll(async () => {
  await ft.shutdown();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function xhr(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = new XMLHttpRequest();
    req.open('GET', url);
    req.onload = () => resolve(req.status);
    req.onerror = (e) => reject(new Error(`xhr failed: ${String((e as { error?: unknown }).error ?? e)}`));
    req.send();
  });
}

describe('XhrNetworkInstrumentation (happy-dom XMLHttpRequest, real local server)', () => {
  it('XHR spans get ui.operation = fetch, the route and redacted query values; stats per route', async () => {
    expect(await xhr(`${base}/api/items/77?secret=abc`)).toBe(200);
    expect(await xhr(`${base}/missing/5`)).toBe(404);
    await new Promise((r) => setTimeout(r, 800)); // the instrumentation ends spans after its resource-timing wait
    await ft.forceFlush();
    const spans = exporter.getFinishedSpans();
    const ok = spans.find((s) => String(s.attributes['url.full'] ?? s.attributes['http.url']).includes('/api/items/'))!;
    expect(ok.attributes['ui.operation']).toBe('fetch');
    expect(String(ok.attributes['ui.network.route'])).toMatch(/^GET (127\.0\.0\.1:\d+)?\/api\/items\/:id$/);
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('abc');
    const routes = inst.networkStats();
    expect(routes.find((r) => r.route.endsWith('/missing/:id'))).toMatchObject({ count: 1, failures: 1 });
    expect(routes.find((r) => r.route.endsWith('/api/items/:id'))).toMatchObject({ count: 1, failures: 0 });
  });
});
