import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, type LaunchedChromium, launchChromium } from '../support/chromium.js';
import { bundleFixture, type FixturePage, serveFixturePage } from '../support/pages.js';

describe('NetworkInstrumentation in real Chromium: 200, 404, 500, cached, aborted', () => {
  let site: FixturePage | undefined;
  let browser: LaunchedChromium;
  let origin: string;

  beforeAll(async () => {
    ensureChromium();
    const script = await bundleFixture('network-page.js', {
      frametel: 'index.js',
      'frametel/network': 'instrumentations/network/index.js',
    });
    site = await serveFixturePage(
      '<!doctype html><title>net</title><script type="module" src="/page.js"></script>',
      script,
      (path, _req, res) => {
        if (path === '/data.json')
          res
            .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=600' })
            .end(JSON.stringify({ rows: Array.from({ length: 50 }, (_, i) => i) }));
        else if (path === '/boom') res.writeHead(500).end('boom');
        else if (path === '/slow') setTimeout(() => res.end('late'), 3000);
        else return false;
        return true;
      },
    );
    origin = site.origin;
    browser = await launchChromium({ name: 'net' });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
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
