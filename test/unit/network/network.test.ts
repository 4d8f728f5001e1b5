import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register, type Frametel } from '../../../src/index.js';
import { originPattern } from '../../../src/instrumentations/network/annotate.js';
import { NetworkInstrumentation, redactUrl, routeTemplate } from '../../../src/instrumentations/network/index.js';

let server: Server;
let partner: Server;
let base: string;
let partnerBase: string;
let ft: Frametel;
let inst: NetworkInstrumentation;
const exporter = new InMemorySpanExporter();
const seenHeaders: Array<Record<string, unknown>> = [];
const partnerHeaders: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHeaders.push(req.headers);
    const path = (req.url ?? '').split('?')[0];
    if (path === '/slow') return void setTimeout(() => res.end('late'), 2_000);
    const status = path === '/missing' ? 404 : path === '/broken' ? 500 : 200;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ path, pad: 'x'.repeat(100) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // An origin the app trusts with its trace context (its own API on another port).
  partner = createServer((req, res) => {
    partnerHeaders.push(req.headers);
    res.end('{}');
  });
  await new Promise<void>((r) => partner.listen(0, '127.0.0.1', r));
  partnerBase = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  inst = new NetworkInstrumentation({ slowThresholdMs: 5, propagateTo: [partnerBase] });
  ft = register({
    serviceName: 'net',
    endpoint: false,
    budgets: { fetch: 1000, 'fetch:none': 1 },
    exporters: { traces: [exporter] },
    instrumentations: [inst],
  });
});
afterAll(async () => {
  await ft.shutdown();
  for (const s of [server, partner]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const spanFor = (fragment: string) =>
  exporter
    .getFinishedSpans()
    .find((s) => String(s.attributes['url.full'] ?? s.attributes['http.url']).includes(fragment));

describe('NetworkInstrumentation (real fetch to a local server)', () => {
  it('turns fetches into fetch spans with ui.operation, route template and redacted query values; status drives errors', async () => {
    await (await fetch(`${base}/api/orders/12345?token=secret&page=2`)).json();
    await (await fetch(`${base}/missing`)).text();
    await (await fetch(`${base}/broken`)).text();
    const aborted = new AbortController();
    const pending = fetch(`${base}/slow`, { signal: aborted.signal });
    aborted.abort();
    await expect(pending).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500)); // the instrumentation ends spans after its resource-timing wait
    await ft.forceFlush();

    const ok = spanFor('/api/orders/12345')!;
    // No page origin in Node: every absolute URL is cross-origin, so the route keeps the host.
    expect(ok.attributes).toMatchObject({
      'ui.operation': 'fetch',
      'ui.network.route': `GET ${new URL(base).host}/api/orders/:id`,
      'ui.budget.ms': 1000,
      'ui.budget.exceeded': false,
    });
    // Response size from Resource Timing: the JSON body the server sent (path + 100 pad bytes).
    expect(ok.attributes['http.response.body.size']).toBe(
      JSON.stringify({ path: '/api/orders/12345', pad: 'x'.repeat(100) }).length,
    );
    const url = String(ok.attributes['url.full'] ?? ok.attributes['http.url']);
    expect(url).toContain('token=REDACTED');
    expect(url).toContain('page=REDACTED');
    expect(JSON.stringify(exporter.getFinishedSpans().map((s) => s.attributes))).not.toContain('secret');
    expect(spanFor('/missing')!.status.code).toBe(2);
    expect(spanFor('/broken')!.status.code).toBe(2);
    expect(ft.stats.get('fetch')!.count).toBeGreaterThanOrEqual(3);
  });

  it('keeps per-route stats: count, failures, slow, bytes; and recent requests with redacted URLs', () => {
    const host = new URL(base).host;
    const routes = Object.fromEntries(inst.networkStats().map((r) => [r.route.replace(` ${host}`, ' '), r]));
    expect(routes['GET /api/orders/:id']).toMatchObject({ count: 1, failures: 0 });
    expect(routes['GET /api/orders/:id']!.bytes).toBeGreaterThan(100);
    expect(routes['GET /missing']).toMatchObject({ count: 1, failures: 1 });
    expect(routes['GET /broken']).toMatchObject({ count: 1, failures: 1 });
    expect(Object.values(routes).every((r) => r.p95 >= r.p50)).toBe(true);
    const recent = inst.recentRequests(10);
    expect(recent.find((r) => r.route.endsWith('/api/orders/:id'))!.url).toContain('token=REDACTED');
  });

  it('sends trace headers to propagateTo origins only, carrying the fetch span’s trace id', async () => {
    expect(seenHeaders.length).toBeGreaterThan(0);
    expect(seenHeaders.some((h) => 'traceparent' in h)).toBe(false); // cross-origin, not in propagateTo
    await (await fetch(`${partnerBase}/api/profile`)).text();
    await new Promise((r) => setTimeout(r, 400));
    await ft.forceFlush();
    const traceparent = String(partnerHeaders[0]!.traceparent);
    const span = spanFor(`${partnerBase}/api/profile`)!;
    expect(traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    // The overlay's request details show the propagated trace id and open its trace.
    const record = inst.recentRequests(10).find((r) => r.url.endsWith('/api/profile'))!;
    expect(record).toMatchObject({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
  });
});

describe('route templates and URL redaction', () => {
  it.each([
    ['GET', '/api/orders/42', 'GET /api/orders/:id'],
    ['post', '/api/users/3f2504e0-4f89-41d3-9a0c-0305e82c3301/avatar', 'POST /api/users/:id/avatar'],
    ['GET', '/assets/app.9f86d081884c7d659a2feaa0c55ad015.js', 'GET /assets/app.9f86d081884c7d659a2feaa0c55ad015.js'],
    ['GET', '/blobs/9f86d081884c7d659a2feaa0c55ad015', 'GET /blobs/:id'],
    ['GET', 'https://api.example.com/v2/items/77?x=1', 'GET api.example.com/v2/items/:id'],
  ])('%s %s → %s', (method, url, expected) => expect(routeTemplate(method, url)).toBe(expected));

  it('propagateTo strings are origins or prefixes, not whole URLs (upstream compares strings with ===)', () => {
    const p = originPattern('https://api.example.com/');
    expect(
      ['https://api.example.com', 'https://api.example.com/v1/x?y=1', 'https://api.example.com?q'].every((u) =>
        p.test(u),
      ),
    ).toBe(true);
    expect(
      ['https://api.example.com.evil.io/x', 'https://api.example.community/', 'http://api.example.com/'].some((u) =>
        p.test(u),
      ),
    ).toBe(false);
    expect(originPattern(/x/)).toEqual(/x/);
  });

  it('redacts query values, credentials and fragments, keeping keys', () => {
    expect(redactUrl('https://user:pw@x.com/a?email=a@b.c&q=1#frag')).toBe('https://x.com/a?email=REDACTED&q=REDACTED');
  });
});
