import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, type LaunchedChromium, launchChromium } from '../support/chromium.js';
import { sentryIntake } from '../intakes/recording-intake.js';
import { eventually, freePort } from '../collector/support/processes.js';
import { type Demo, serveDemo } from '../support/pages.js';
import { CollectorStack, parentOf } from '../support/stack.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOT_DIR = join(root, 'test-results', 'e2e');

describe('grid-dashboard in real Chromium → otelcol-frametel → Jaeger and Sentry', () => {
  const sentry = sentryIntake();
  const stack = new CollectorStack({ name: 'e2e-grid', jaeger: true });
  let demo: Demo | undefined;
  let browser: LaunchedChromium;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureChromium();
    const appPort = await freePort();
    await sentry.start();
    await stack.start({
      FRAMETEL_CORS_ORIGINS: `[http://127.0.0.1:${appPort}]`,
      SENTRY_DSN: `http://e2ekey@127.0.0.1:${sentry.port}/7`,
    });
    demo = await serveDemo(stack.otlpHttp, appPort);

    browser = await launchChromium({ name: 'grid', viewport: { width: 1280, height: 860 } });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${demo.origin}/`);
    await page.waitForSelector('table.grid tbody tr');
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await Promise.allSettled([stack.stop(), sentry.stop()]);
  }, 60_000);

  it('sort, filter and the slow controls show up in the overlay, in Jaeger with the right parentage, and at Sentry', {
    timeout: 180_000,
  }, async () => {
    const inOverlay = <T>(fn: (root: ShadowRoot) => T) =>
      page.evaluate(`(${fn.toString()})(document.querySelector('[data-frametel-overlay]').shadowRoot)`) as Promise<T>;
    const overlayText = () => inOverlay((root) => root.textContent ?? '');
    const violationRows = () =>
      inOverlay((root) =>
        [...root.querySelectorAll('table.violations tbody tr')].map((tr) =>
          [...tr.children].map((td) => td.textContent).join(' | '),
        ),
      );

    // The slow comparator, then a sort click: table.sort breaks its 50 ms budget.
    await page.getByTestId('slow-sort').check();
    await page.getByTestId('sort-total').click();
    await expect.poll(() => page.getByTestId('sort-total').textContent(), { timeout: 15_000 }).toContain('▴');
    const sortViolation = /^table\.sort \(orders\) \| [\d.]+ \| 50 \| ([0-9a-f]{32})$/;
    await expect.poll(violationRows, { timeout: 5_000 }).toContainEqual(expect.stringMatching(sortViolation));
    const traceId = (await violationRows()).map((r) => sortViolation.exec(r)?.[1]).find(Boolean)!;

    await page.getByLabel('filter', { exact: true }).fill('customer 01');
    await expect.poll(() => page.getByTestId('page').textContent()).toMatch(/of 20000 orders/);
    await page.getByTestId('heavy').check();
    await page.waitForSelector('.heavy');

    // The overlay (shadow DOM) shows the operations, the heavy component and sorts on a header click.
    await expect.poll(overlayText, { timeout: 5_000 }).toMatch(/HeavyPanel: avg [\d.]+ ms/);
    const text = await overlayText();
    for (const op of ['table.sort', 'table.filter', 'table.state_change', 'component.render', 'signal.update', 'fetch'])
      expect(text).toContain(op);
    expect(text).toMatch(/grid\.sort: \d+ writes?/);
    expect(text).toMatch(/GET \/api\/summary\.json → 200/);
    await page.locator('[data-frametel-overlay] th', { hasText: 'count' }).click();
    await expect.poll(() => inOverlay((root) => root.querySelector('th.sorted')?.textContent)).toBe('count ▾');

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const screenshot = join(SCREENSHOT_DIR, 'grid-dashboard-overlay.png');
    await page.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);

    await page.evaluate(() =>
      (window as unknown as { frametel: { forceFlush(): Promise<void> } }).frametel.forceFlush(),
    );

    // Jaeger: the trace whose id the overlay showed for the sort violation is the trace of the click.
    const trace = await eventually(
      'the sort click trace in Jaeger',
      async () => {
        const spans = await stack.jaegerTrace(traceId);
        return spans.some((s) => s.operationName === 'render OrdersGrid') ? spans : undefined;
      },
      30_000,
    );
    const one = (name: string) => {
      const span = trace.find((s) => s.operationName === name);
      expect(span, `${name} in trace ${traceId}: ${trace.map((s) => s.operationName).join(', ')}`).toBeDefined();
      return span!;
    };
    const write = one('signal.update grid.sort');
    const change = trace.find(
      (s) =>
        s.operationName === 'table.state_change' &&
        s.tags.some((t) => t.key === 'ui.table.state' && t.value === 'sorting'),
    )!;
    expect(change).toBeDefined();
    const sort = one('table.sort');
    const render = one('render OrdersGrid');
    const click = one('interaction click'); // InteractionInstrumentation: the click is the trace's root
    expect(parentOf(click)).toBeUndefined();
    expect(parentOf(write)).toBe(click.spanID);
    expect(parentOf(change)).toBe(write.spanID);
    expect(parentOf(sort)).toBe(change.spanID);
    expect([change.spanID, write.spanID]).toContain(parentOf(render));
    expect(sort.tags).toEqual(expect.arrayContaining([{ key: 'ui.budget.exceeded', type: 'bool', value: true }]));

    // Sentry got the violation through the alerts pipeline.
    await eventually(
      'the violation at the Sentry intake',
      () => sentry.received(/^\/api\/7\/integration\/otlp\/v1\/traces$/, 'table.sort'),
      30_000,
    );
    expect(sentry.requests[0]!.headers['x-sentry-auth']).toBe('sentry sentry_key=e2ekey');
    expect(pageErrors).toEqual([]);
  });
  it('DevTools: waterfall of the sort violation, state diff, console with component, request phases, record → fix → replay', {
    timeout: 180_000,
  }, async () => {
    const inOverlay = <T>(fn: (root: ShadowRoot) => T) =>
      page.evaluate(`(${fn.toString()})(document.querySelector('[data-frametel-overlay]').shadowRoot)`) as Promise<T>;
    const overlay = page.locator('[data-frametel-overlay] section.panel');
    // The grown panel covers the grid's right-hand columns: click the header the way the user's click lands.
    const sortTotal = () => page.getByTestId('sort-total').dispatchEvent('click');
    // Screenshots go to test-results/ so a test run leaves the work tree clean; FRAMETEL_UPDATE_DOCS=1
    // writes them over the README's images in docs/ instead.
    const docs = process.env.FRAMETEL_UPDATE_DOCS === '1' ? join(root, 'docs') : join(root, 'test-results', 'e2e');

    // 1. A sort violation of the first test opens its trace: write → state change → sort → render, nested.
    await overlay.locator('table.violations tbody tr', { hasText: 'table.sort (orders)' }).first().click();
    await expect.poll(() => inOverlay((r) => r.querySelectorAll('table.waterfall tbody tr').length)).toBeGreaterThan(2);
    const rows = await inOverlay((r) =>
      [...r.querySelectorAll('table.waterfall tbody tr')].map((tr) => ({
        level: Number(tr.getAttribute('aria-level')),
        name: tr.children[0]!.textContent,
        cls: tr.className,
      })),
    );
    const row = (name: string | RegExp) => {
      const found = rows.find((x) => (typeof name === 'string' ? x.name === name : name.test(x.name ?? '')));
      expect(found, `${name} in ${JSON.stringify(rows)}`).toBeDefined();
      return found!;
    };
    // The newest sort violation: the user's interaction (InteractionInstrumentation) is the root and
    // the grid signal write it caused (sort or filter, the sort re-runs) its child.
    expect(row(/^interaction (click|input)$/).level).toBe(1);
    const write = row(/^signal\.update grid\.(sort|filter)$/);
    expect(write.level).toBe(2);
    expect(row('table.state_change').level).toBe(write.level + 1);
    expect(row('table.sort').level).toBe(write.level + 2);
    expect(row('table.sort').cls).toContain('over');
    expect(row('table.sort').cls).toContain('breaking');
    expect(row('render OrdersGrid').level).toBeGreaterThan(write.level);
    await overlay.screenshot({ path: join(docs, 'devtools-waterfall.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => inOverlay((r) => r.querySelector('table.waterfall'))).toBeNull();

    // 2. State diff: the changed key of the object signal grid.sort (asc → desc).
    await sortTotal();
    await expect.poll(() => page.getByTestId('sort-total').textContent(), { timeout: 15_000 }).toContain('▾');
    await expect
      .poll(() =>
        inOverlay((r) =>
          [...r.querySelectorAll('.section.state .diff')].map(
            (d) =>
              `${d.querySelector('strong')!.textContent}: ${[...d.querySelectorAll('li')].map((li) => li.textContent).join(' | ')}`,
          ),
        ),
      )
      .toEqual(expect.arrayContaining(['grid.sort: desc: false → true', 'orders.sorting: 0.desc: false → true']));

    // 3. Console: the HeavyPanel's console.warn during its render, with the component's name.
    await expect
      .poll(() => inOverlay((r) => [...r.querySelectorAll('ul.console li')].map((li) => li.textContent)))
      .toContainEqual('warn [HeavyPanel] HeavyPanel: this render burns 40 ms on purpose');

    // 4. Network inspector: the summary request's details with its Resource Timing phases and trace.
    await overlay.locator('button.request-line', { hasText: 'GET /api/summary.json' }).first().click();
    const details = await inOverlay((r) =>
      Object.fromEntries(
        [...r.querySelectorAll('dl.request-details dt')].map((dt) => [
          dt.textContent,
          dt.nextElementSibling!.textContent,
        ]),
      ),
    );
    expect(details).toMatchObject({ method: 'GET', status: '200' });
    expect(details.phases).toMatch(
      /^DNS [\d.]+ ms · connect [\d.]+ ms · TLS [\d.]+ ms · TTFB [\d.]+ ms · download [\d.]+ ms$/,
    );
    expect(details['trace id']).toMatch(/^[0-9a-f]{32}$/);
    expect(details.route).toMatch(/^GET .*\/api\/summary\.json$/);
    await overlay.locator('.request-detail button', { hasText: 'open trace' }).click();
    await expect
      .poll(() =>
        inOverlay((r) => [...r.querySelectorAll('table.waterfall tbody tr')].map((tr) => tr.children[1]!.textContent)),
      )
      .toContain('fetch');
    await page.keyboard.press('Escape');

    // 5. Record filter + sort with the slow comparator, switch it off, replay: the sort goes from over budget to within.
    const resetGrid = async () => {
      while (!(await page.getByTestId('sort-total').textContent())!.match(/Total$/)) await sortTotal();
      await page.getByLabel('filter', { exact: true }).fill('');
      await expect.poll(() => page.getByTestId('page').textContent()).toContain('20000 of 20000 orders');
    };
    await resetGrid();
    expect(await page.getByTestId('slow-sort').isChecked()).toBe(true);
    await overlay.getByRole('button', { name: '● record' }).click();
    await page.getByLabel('filter', { exact: true }).fill('customer 10'); // 400 orders: sorted fast without the slow set-up
    await expect.poll(() => page.getByTestId('page').textContent()).not.toContain('20000 of 20000');
    await sortTotal();
    await expect.poll(() => page.getByTestId('sort-total').textContent(), { timeout: 10_000 }).toContain('▴');
    await overlay.getByRole('button', { name: '■ stop' }).click();
    await resetGrid();
    await page.getByTestId('slow-sort').uncheck(); // the fix
    await overlay.getByRole('button', { name: '▶ replay' }).click();
    // The report names a group (step number, what was replayed) on its first row only: fill it down,
    // so a row says which replayed step caused it whatever the order of the operations inside it.
    const report = async () => {
      const rows = await inOverlay((r) =>
        [...r.querySelectorAll('table.report tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
      );
      let group: (string | null)[] = ['', ''];
      return rows.map((row) => {
        if (row[0]) group = row.slice(0, 2);
        return [...group, ...row.slice(2)];
      });
    };
    await expect
      .poll(report, { timeout: 30_000 })
      .toContainEqual([
        expect.any(String),
        expect.stringContaining('grid.sort'),
        'table.sort (orders)',
        expect.stringMatching(/ ms$/),
        expect.stringMatching(/ ms$/),
        '50',
        'fixed',
      ]);
    expect(await page.getByTestId('sort-total').textContent()).toContain('▴'); // the replay re-applied the sort
    expect(await page.getByLabel('filter', { exact: true }).inputValue()).toBe('customer 10');
    await overlay.screenshot({ path: join(docs, 'devtools-replay.png') });
    expect(pageErrors).toEqual([]);
  });
});
