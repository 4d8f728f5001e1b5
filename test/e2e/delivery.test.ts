import { createServer } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../collector/support/processes.js';
import { datadogIntake } from '../intakes/recording-intake.js';
import { ensureChromium, type LaunchedChromium, launchChromium } from '../support/chromium.js';
import { closeNow, listenOnLoopback } from '../support/loopback-server.js';
import { HoldingProxy } from '../support/holding-proxy.js';
import { bundleFixture, type FixturePage, serveFixturePage } from '../support/pages.js';
import { CollectorStack } from '../support/stack.js';

/**
 * log.record.uid in an OTLP protobuf body: the KeyValue's AnyValue{string_value} of 32 hex
 * characters next to its key (the collector's marshaler writes the value field first).
 */
const HEX32 = '([0-9a-f]{32})';
const VALUE = String.fromCharCode(0x12, 0x22, 0x0a, 0x20);
const KEY = `${String.fromCharCode(0x0a, 0x0e)}log\\.record\\.uid`;
const UID = new RegExp(`${VALUE}${HEX32}${KEY}|log\\.record\\.uid${VALUE}${HEX32}`, 'g');

type Ledger = Record<'exported' | 'failed' | 'stored' | 'resent' | 'evicted', number>;
type Diag = Record<'traces' | 'logs', Ledger>;

describe('delivery at the edges in real Chromium → otelcol-frametel → intake', () => {
  const intake = datadogIntake();
  // A new queue directory on every start: batches a stopped collector still held never reach the next test.
  const stack = new CollectorStack({ name: 'otelcol-frametel-delivery', freshQueue: true });
  let site: FixturePage | undefined;
  let origin: string;
  let browser: LaunchedChromium | undefined;

  const startCollector = () => stack.startCollector();
  const stopCollector = () => stack.stopCollector();
  // The unload runs' collector endpoint: answers no export until the page has gone (see there).
  const slowLink = new HoldingProxy(() => stack.otlpHttp);
  let slowLinkUrl: string;
  const open = async (query: string, collector = stack.otlpHttp): Promise<Page> => {
    const page = await browser!.context.newPage();
    await page.goto(`${origin}/?collector=${collector}&${query}`);
    await page.waitForFunction(() => typeof (window as unknown as { produce?: unknown }).produce === 'function');
    return page;
  };
  const diagnostics = (page: Page) =>
    page.evaluate(() => (window as unknown as { ft: { diagnostics(): Diag } }).ft.diagnostics());
  /** Every log.record.uid that reached the intake, with repeats. */
  const uids = () =>
    intake.to(/^\/v1\/logs$/).flatMap((r) => [...r.body.toString('latin1').matchAll(UID)].map((m) => (m[1] ?? m[2])!));
  /** Every case.id of a span that reached the intake, with repeats. */
  const spanCases = (pattern: RegExp) =>
    intake.to(/^\/v1\/traces$/).flatMap((r) => r.body.toString('latin1').match(pattern) ?? []);

  beforeAll(async () => {
    ensureChromium();
    await intake.start();
    const script = await bundleFixture('delivery-page.js', {
      frametel: 'index.js',
      'frametel/errors': 'instrumentations/errors/index.js',
    });
    site = await serveFixturePage(
      '<!doctype html><button id="slow">slow</button><script type="module" src="/page.js"></script>',
      script,
      (_path, _req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title>');
        return true;
      },
    );
    origin = site.origin;
    slowLinkUrl = await slowLink.start();
    await stack.prepare({
      FRAMETEL_CORS_ORIGINS: `[${origin}]`,
      DD_API_KEY: 'dd-test-key',
      DD_OTLP_ENDPOINT: intake.url,
    });
  }, 300_000);

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    await stopCollector();
    intake.requests.splice(0);
  });

  afterAll(async () => {
    await Promise.allSettled([stack.stop(), intake.stop(), site?.close(), slowLink.stop()]);
  });

  const launch = async () => {
    browser = await launchChromium({ name: 'delivery' });
  };

  /** Violation records (their body) that reached the intake, with repeats. */
  const violationRecords = () =>
    intake.to(/^\/v1\/logs$/).flatMap((r) => r.body.toString('latin1').match(/op\.slow took/g) ?? []);

  for (const leave of ['navigate', 'close'] as const) {
    it(`unload (${leave}) behind a 300-span, 300-record backlog over a slow link: the violation record and its span arrive; without the feature the span is lost`, {
      timeout: 90_000,
    }, async () => {
      await launch();
      await startCollector();
      // The page exports through a slow link (a proxy that passes each export on 5 s after it came,
      // unless its client gave up meanwhile): an ordinary fetch then dies with its document and only
      // keepalive requests (within the browser's 64 KiB quota) outlive it. On bare loopback the
      // control was a race: upstream's over-quota flush, or its 5 s batch timer firing before the
      // navigation on a loaded machine, could finish before the page went.
      for (const feature of ['off', 'on'] as const) {
        intake.requests.splice(0);
        const tag = `unload-${leave}-${feature}`;
        const page = await open(
          `feature=${feature}&tag=${tag}&then=${leave}&filler=300${feature === 'on' ? '&debug' : ''}`,
          slowLinkUrl,
        );
        slowLink.hold();
        await page.click('#slow');
        if (leave === 'close') await page.close();
        else await page.waitForURL(`${origin}/other`);
        // Every export the page made has been cancelled or passed on, and none came for 2 s.
        await slowLink.settled();
        if (feature === 'on') {
          await eventually('the span at the intake', () => spanCases(new RegExp(tag, 'g')).length === 1, 20_000);
          await eventually('the violation record at the intake', () => violationRecords().length === 1, 20_000);
        } else {
          // Without the feature upstream's span processor flushes on hide in one request over the
          // keepalive quota, so an ordinary fetch: the browser cancels it with the page and the proxy
          // never passes it on. (The record is not asserted: upstream's log processor may fit it in
          // a keepalive request of its own.)
          const sent = slowLink.containing(tag);
          const what = sent.map(
            (r) => `${r.path} ${r.body.length} B${r.abandoned ? ' abandoned' : ''}${r.forwarded ? ' forwarded' : ''}`,
          );
          expect(
            sent.filter((r) => r.forwarded),
            `exports with the span: ${what.join('; ') || 'none'}`,
          ).toEqual([]);
          await new Promise((r) => setTimeout(r, 1000)); // anything passed on is past the collector now
          expect(spanCases(new RegExp(tag, 'g'))).toEqual([]);
        }
      }
    });
  }

  it('outage: 50 violations and 10 errors over 2 reloads with the collector down all arrive exactly once', {
    timeout: 180_000,
  }, async () => {
    await launch();
    const page = await open('feature=on');
    const before: Diag[] = [];
    for (const [tag, errors] of [
      ['p1', 5],
      ['p2', 5],
    ] as const) {
      await page.evaluate(([t, e]) => (window as unknown as { produce(...a: unknown[]): void }).produce(t, 25, e), [
        tag,
        errors,
      ] as const);
      // Long enough for a first export attempt to find the collector down (the log batch goes after 1 s).
      await new Promise((r) => setTimeout(r, 2500));
      before.push(await diagnostics(page));
      await page.reload();
      await page.waitForFunction(() => typeof (window as unknown as { produce?: unknown }).produce === 'function');
    }
    for (const d of before) expect(d.logs).toMatchObject({ exported: 0, failed: 0, evicted: 0 });
    const started = Date.now();
    await startCollector();
    await eventually('60 records at the intake', () => uids().length >= 60, 30_000);
    expect(Date.now() - started).toBeLessThan(30_000 + 5_000);
    await new Promise((r) => setTimeout(r, 3000)); // any duplicate would arrive now
    const ids = uids();
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    const cases = spanCases(/p[12]-v\d+/g);
    expect(cases).toHaveLength(50);
    expect(new Set(cases).size).toBe(50);
    const after = await diagnostics(page);
    expect(after.logs).toMatchObject({ resent: 60, exported: 60, failed: 0, evicted: 0 });
    expect(after.traces).toMatchObject({ resent: 50, failed: 0, evicted: 0 });
  });

  it('429 and 503 with Retry-After: 2 from a stand-in: no re-send before 2 s, then delivered', {
    timeout: 60_000,
  }, async () => {
    // A stand-in for a collector under pressure: the first two log exports are refused.
    const answers = [429, 503];
    const arrivals: Array<{ at: number; status: number; body: string }> = [];
    const standIn = createServer((req, res) => {
      const cors = {
        'access-control-allow-origin': req.headers.origin ?? '',
        'access-control-allow-headers': 'content-type',
        'access-control-expose-headers': 'retry-after',
      };
      if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = req.url === '/v1/logs' ? (answers.shift() ?? 200) : 200;
        if (req.url === '/v1/logs') arrivals.push({ at: Date.now(), status, body: Buffer.concat(chunks).toString() });
        res.writeHead(status, { ...cors, 'content-type': 'application/json', 'retry-after': '2' }).end('{}');
      });
    });
    const port = await listenOnLoopback(standIn);
    try {
      await launch();
      const page = await browser!.context.newPage();
      await page.goto(`${origin}/?collector=http://127.0.0.1:${port}&feature=on`);
      await page.waitForFunction(() => typeof (window as unknown as { produce?: unknown }).produce === 'function');
      await page.evaluate(() => (window as unknown as { produce(...a: unknown[]): void }).produce('ra', 1, 0));
      await eventually('the third attempt', () => arrivals.length === 3, 30_000);
      expect(arrivals.map((a) => a.status)).toEqual([429, 503, 200]);
      expect(arrivals[1]!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(2000);
      expect(arrivals[2]!.at - arrivals[1]!.at).toBeGreaterThanOrEqual(2000);
      expect(arrivals[2]!.body).toContain('op.slow took');
      const d = await eventually('the export to finish', async () => {
        const x = await diagnostics(page);
        return x.logs.exported === 1 ? x : undefined;
      });
      expect(d.logs).toMatchObject({ exported: 1, failed: 0, stored: 0 });
    } finally {
      await closeNow(standIn);
    }
  });

  it('bounded storage: past maxItems the oldest are dropped and counted, the newest arrive', {
    timeout: 120_000,
  }, async () => {
    await launch();
    const page = await open('feature=on&maxItems=20&signals=important');
    await page.evaluate(() => (window as unknown as { produce(...a: unknown[]): void }).produce('b', 30, 0));
    // 60 items (30 records + 30 spans) into a store of 20: 40 evicted, oldest first.
    await eventually('the hide flush', async () => {
      await page.evaluate(() => (window as unknown as { ft: { forceFlush(): Promise<void> } }).ft.forceFlush());
      const d = await diagnostics(page);
      return d.logs.stored + d.traces.stored === 60;
    });
    const d = await diagnostics(page);
    expect(d.logs.evicted + d.traces.evicted).toBe(40);
    await startCollector();
    await eventually(
      'the 20 newest at the intake',
      async () => {
        const r = await diagnostics(page);
        return r.logs.resent + r.traces.resent === 20;
      },
      30_000,
    );
    // The browser counts a re-send when the collector answers; the intake sees it once the
    // collector's exporter queue has batched and sent it, a moment later.
    await eventually(
      'the 20 re-sent items past the collector',
      () => spanCases(/b-v\d+/g).length + uids().length >= 20,
    );
    await new Promise((r) => setTimeout(r, 2000)); // a duplicate would arrive now
    const cases = spanCases(/b-v\d+/g).map((c) => Number(c.slice(3)));
    const records = uids();
    // Exactly the 20 newest writes arrive, once each: the log batch failed first (after 1 s), the
    // span batch after it, so the newest are the highest-numbered spans, then the latest records.
    expect(new Set(cases).size).toBe(cases.length);
    expect(new Set(records).size).toBe(records.length);
    expect(cases.length + records.length).toBe(20);
    expect(cases.sort((a, b) => a - b)).toEqual(Array.from({ length: cases.length }, (_, i) => 30 - cases.length + i));
  });
});
