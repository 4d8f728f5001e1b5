import { request } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, type LaunchedChromium, launchChromium } from '../support/chromium.js';
import { attributesOf, OtlpReceiver } from '../support/otlp-receiver.js';
import { bundleFixture, type FixturePage, serveFixturePage } from '../support/pages.js';

const HTML = `<!doctype html><title>vitals</title>
<body style="margin:0;font:16px sans-serif">
<main><h1 style="font-size:64px;margin:16px">frametel vitals e2e, the largest text on the page</h1>
<button id="work" style="font-size:20px">work</button>
<p>Some content below that the banner pushes down.</p></main>
<script type="module" src="/page.js"></script></body>`;

interface Vital {
  service: string;
  traceId?: string;
  spanId?: string;
  attributes: Record<string, unknown>;
}

describe('frametel/vitals in real Chromium: web vitals, INP in the interaction trace, navigation, measures', () => {
  let site: FixturePage | undefined;
  let browser: LaunchedChromium;
  let origin: string;
  const receiver = new OtlpReceiver();

  beforeAll(async () => {
    ensureChromium();
    const receiverUrl = new URL(await receiver.start());
    const script = await bundleFixture('vitals-page.js', {
      frametel: 'index.js',
      'frametel/vitals': 'instrumentations/vitals/index.js',
      'frametel/vitals/navigation': 'instrumentations/vitals/navigation/index.js',
      'frametel/vitals/measures': 'instrumentations/vitals/measures/index.js',
    });
    site = await serveFixturePage(HTML, script, (path, req, res) => {
      if (!path.startsWith('/otel/')) return false;
      // Same origin for the page's exports (no CORS); the receiver decodes and keeps them.
      const up = request(
        {
          host: receiverUrl.hostname,
          port: receiverUrl.port,
          path: path.slice(5),
          method: req.method,
          headers: req.headers,
        },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
      return true;
    });
    origin = site.origin;
    browser = await launchChromium({ name: 'vitals', viewport: { width: 900, height: 700 } });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await receiver.stop();
  });

  function vitals(service: string): Vital[] {
    return receiver.bodies('/v1/logs').flatMap((b) =>
      (
        b.resourceLogs as Array<{
          resource: { attributes: [] };
          scopeLogs: Array<{
            logRecords: Array<{ eventName?: string; traceId?: string; spanId?: string; attributes: [] }>;
          }>;
        }>
      )
        .filter((rl) => attributesOf(rl.resource.attributes)['service.name'] === service)
        .flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords))
        .filter((r) => r.eventName === 'browser.web_vital' || r.eventName === 'ui.budget.violation')
        .map((r) => ({
          service,
          traceId: r.traceId || undefined,
          spanId: r.spanId || undefined,
          attributes: { event: r.eventName, ...attributesOf(r.attributes) },
        })),
    );
  }
  const vital = (service: string, name: string) =>
    vitals(service).filter(
      (v) => v.attributes.event === 'browser.web_vital' && v.attributes['browser.web_vital.name'] === name,
    );

  /** Loads the page, clicks the button, flushes, then navigates away (pagehide + visibilitychange hidden). */
  async function visit(
    query: string,
  ): Promise<{ page: Page; interaction: { traceId: string; spanId: string }; handlerMs: number }> {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/${query}`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    await page.waitForTimeout(900); // the banner shifts at 400 ms; the navigation span is made after load
    await page.click('#work');
    // web-vitals processes Event Timing entries and finalises LCP in an idle callback (≤ 1 s); a page
    // hidden before that loses the INP (web-vitals 6.2.3 handles its hide before the pending entries).
    await page.waitForTimeout(1500);
    const state = (await page.evaluate(async () => {
      const w = window as unknown as { flush(): Promise<void>; interaction: unknown; handlerMs: number };
      await w.flush();
      return { interaction: w.interaction, handlerMs: w.handlerMs };
    })) as { interaction: { traceId: string; spanId: string }; handlerMs: number };
    await page.goto('about:blank'); // the final INP and CLS are reported now and must still arrive
    return { page, ...state };
  }

  it('INP record (sent at page hide) carries the interaction span trace and span id, value ≥ handler time; CLS, LCP, FCP, TTFB reported', {
    timeout: 60_000,
  }, async () => {
    const { page, interaction, handlerMs } = await visit('');
    await expect.poll(() => vital('vitals-e2e', 'inp').length, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => vital('vitals-e2e', 'cls').length, { timeout: 10_000 }).toBeGreaterThan(0);
    const [inp] = vital('vitals-e2e', 'inp');
    expect(handlerMs).toBeGreaterThanOrEqual(300);
    expect(inp!.traceId).toBe(interaction.traceId);
    expect(inp!.spanId).toBe(interaction.spanId);
    expect(inp!.attributes['browser.web_vital.value']).toBeGreaterThanOrEqual(handlerMs);
    expect(inp!.attributes).toMatchObject({
      'browser.web_vital.rating': expect.stringMatching(/needs-improvement|poor/),
      'ui.web_vital.target': '#work', // web-vitals' selector: the id is enough
      'ui.web_vital.interaction_type': 'pointer',
      'ui.budget.ms': 200,
      'ui.budget.exceeded': true,
    });
    expect(inp!.attributes['ui.web_vital.processing_ms']).toBeGreaterThanOrEqual(300);
    // The INP violation is in the same trace.
    const inpViolation = vitals('vitals-e2e').find(
      (v) => v.attributes.event === 'ui.budget.violation' && v.attributes['ui.operation'] === 'web_vital.inp',
    );
    expect(inpViolation?.traceId).toBe(interaction.traceId);

    const [cls] = vital('vitals-e2e', 'cls');
    expect(cls!.attributes['browser.web_vital.value']).toBeGreaterThan(0.1);
    expect(cls!.attributes).toMatchObject({ 'ui.budget.limit': 0.1, 'ui.budget.exceeded': true });
    // A selector of the shifted element (web-vitals picks the largest source), never its text.
    expect(String(cls!.attributes['ui.web_vital.target'])).toMatch(/^[a-z][a-z0-9>#.:()_-]*$/i);

    const [lcp] = vital('vitals-e2e', 'lcp');
    expect(lcp!.attributes['browser.web_vital.value']).toBeGreaterThan(0);
    expect(lcp!.attributes['ui.web_vital.target']).toBe('html>body>main>h1'); // the 64px heading
    expect(vital('vitals-e2e', 'fcp')).toHaveLength(1);
    expect(vital('vitals-e2e', 'ttfb')).toHaveLength(1);
    for (const v of vital('vitals-e2e', 'lcp')) expect(v.traceId).toBeUndefined();

    const spans = receiver.spans().filter((s) => s.resource['service.name'] === 'vitals-e2e');
    const nav = spans.find((s) => s.span.name === 'documentLoad');
    expect(attributesOf(nav!.span.attributes)).toMatchObject({ 'ui.operation': 'navigation', 'ui.budget.ms': 3000 });
    expect(
      spans.filter((s) => s.span.name === 'documentFetch' && s.span.parentSpanId === nav!.span.spanId),
    ).toHaveLength(1);
    const measure = spans.find((s) => s.span.name === 'measure app:work');
    expect(attributesOf(measure!.span.attributes)).toMatchObject({
      'ui.operation': 'measure',
      'ui.measure.name': 'app:work',
    });

    const histograms = receiver.metrics().map((m) => m.name);
    expect(histograms).toEqual(expect.arrayContaining(['ui.web_vital.lcp', 'ui.web_vital.fcp', 'ui.web_vital.ttfb']));
    await page.close();
  });

  it('control page: a fast click and no layout shift give good vitals and no violation', {
    timeout: 60_000,
  }, async () => {
    const { page } = await visit('?control');
    await expect.poll(() => vital('vitals-control', 'cls').length, { timeout: 10_000 }).toBeGreaterThan(0);
    const records = vitals('vitals-control');
    expect(records.filter((r) => r.attributes.event === 'ui.budget.violation')).toEqual([]);
    const names = records.map((r) => r.attributes['browser.web_vital.name']);
    expect(names).toEqual(expect.arrayContaining(['lcp', 'cls', 'fcp', 'ttfb']));
    for (const r of records) expect(r.attributes['ui.budget.exceeded']).toBe(false);
    expect(vital('vitals-control', 'cls')[0]!.attributes['browser.web_vital.value']).toBe(0);
    await page.close();
  });
});
