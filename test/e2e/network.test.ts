import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, type LaunchedChromium, launchChromium } from '../support/chromium.js';
import { closeNow, listenOnLoopback } from '../support/loopback-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (p: string) => join(root, 'dist', p);

describe('NetworkInstrumentation in real Chromium: 200, 404, 500, cached, aborted', () => {
  let server: Server;
  let browser: LaunchedChromium;
  let origin: string;

  beforeAll(async () => {
    ensureChromium();
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('./fixtures/network-page.js', import.meta.url))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
      alias: { frametel: dist('index.js'), 'frametel/network': dist('instrumentations/network/index.js') },
    });
    const script = bundle.outputFiles[0]!.text;
    server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/')
        return void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>net</title><script type="module" src="/page.js"></script>');
      if (path === '/page.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      if (path === '/data.json')
        return void res
          .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=600' })
          .end(JSON.stringify({ rows: Array.from({ length: 50 }, (_, i) => i) }));
      if (path === '/boom') return void res.writeHead(500).end('boom');
      if (path === '/slow') return void setTimeout(() => res.end('late'), 3000);
      res.writeHead(404).end('missing');
    });
    origin = `http://127.0.0.1:${await listenOnLoopback(server)}`;
    browser = await launchChromium({ name: 'net' });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await closeNow(server);
  });

  it('counts routes, failures, bytes and the cache hit; redacts query values; the abort is a failure', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => typeof (window as unknown as { run?: unknown }).run === 'function');
    const result = (await page.evaluate(() => (window as unknown as { run(): Promise<unknown> }).run())) as {
      outcome: string;
      routes: Array<{ route: string; count: number; failures: number; bytes: number; cacheHitRatio: number }>;
      recent: Array<{ url: string; status: number; cacheHit: boolean }>;
      fetchStats: { count: number };
    };
    expect(result.outcome).toBe('aborted');
    const routes = Object.fromEntries(result.routes.map((r) => [r.route, r]));
    expect(routes['GET /data.json']).toMatchObject({ count: 2, failures: 0, cacheHitRatio: 0.5 });
    expect(routes['GET /data.json']!.bytes).toBeGreaterThan(100);
    expect(routes['GET /missing.json']).toMatchObject({ count: 1, failures: 1 });
    expect(routes['GET /boom']).toMatchObject({ count: 1, failures: 1 });
    expect(routes['GET /slow']).toMatchObject({ count: 1, failures: 1 });
    expect(
      result.recent
        .filter((r) => r.url.includes('/data.json'))
        .map((r) => r.cacheHit)
        .sort(),
    ).toEqual([false, true]);
    expect(JSON.stringify(result.recent)).not.toContain('alice');
    expect(result.fetchStats.count).toBe(5);
  });
});
