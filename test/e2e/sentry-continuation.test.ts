import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../collector/support/processes.js';
import { SentryEnvelopeIntake } from '../intakes/sentry-envelope.js';
import { ensureChromium, type LaunchedChromium, launchChromium } from '../support/chromium.js';
import { bundleFixture, type FixturePage, serveFixturePage } from '../support/pages.js';

const fixture = (p: string) => fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url));

/** @sentry/opentelemetry imports node:async_hooks for its Node context manager: empty in the browser. */
const nodeBuiltinsEmpty: Plugin = {
  name: 'node-builtins-empty',
  setup(b) {
    b.onResolve({ filter: /^node:async_hooks$/ }, () => ({ path: 'async_hooks', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export class AsyncLocalStorage {}' }));
  },
};

describe('a Sentry-instrumented Node back end continues the browser trace (real Chromium, @sentry/node 11)', () => {
  const intake = new SentryEnvelopeIntake();
  let backend: ChildProcess | undefined;
  let backendOrigin: string;
  let site: FixturePage | undefined;
  let origin: string;
  let browser: LaunchedChromium | undefined;

  beforeAll(async () => {
    ensureChromium();
    const dsnBase = await intake.start();
    const dsn = dsnBase.replace('http://', 'http://publickey@');
    backend = spawn(process.execPath, [fixture('sentry-backend.cjs')], {
      env: { ...process.env, SENTRY_DSN: `${dsn}/7` },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    backendOrigin = await new Promise<string>((resolve, reject) => {
      backend!.once('exit', (code) => reject(new Error(`back end exited with ${code}`)));
      backend!.stdout!.on('data', (d: Buffer) => {
        const m = /PORT (\d+)/.exec(d.toString());
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
    });
    const script = await bundleFixture(
      'sentry-page.js',
      {
        frametel: 'index.js',
        'frametel/errors': 'instrumentations/errors/index.js',
        'frametel/errors/sentry': 'instrumentations/errors/sentry-index.js',
        'frametel/network': 'instrumentations/network/index.js',
      },
      [nodeBuiltinsEmpty],
    );
    site = await serveFixturePage(
      '<!doctype html><title>sentry</title><script type="module" src="/page.js"></script>',
      script,
    );
    origin = site.origin;
    browser = await launchChromium({ name: 'sentry' });
    (globalThis as { __dsn?: string }).__dsn = `${dsn}/3`;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    backend?.kill('SIGTERM');
    await Promise.allSettled([site?.close(), intake.stop()]);
  });

  it('the back end transaction has the browser fetch span’s trace id and that span as its parent', {
    timeout: 60_000,
  }, async () => {
    const page = await browser!.context.newPage();
    const dsn = (globalThis as { __dsn?: string }).__dsn!;
    await page.goto(`${origin}/?backend=${encodeURIComponent(backendOrigin)}&dsn=${encodeURIComponent(dsn)}`);
    await page.waitForFunction(() => typeof (window as unknown as { call?: unknown }).call === 'function');
    const browserSpan = (await page.evaluate(() => (window as unknown as { call(): Promise<unknown> }).call())) as {
      traceId: string;
      spanId: string;
    };
    expect(browserSpan?.traceId).toMatch(/^[0-9a-f]{32}$/);
    // Sentry 11 sends the server's root span (its transaction: `is_segment`) as a span v2 item.
    type SentrySpan = { trace_id: string; parent_span_id?: string; is_segment?: boolean; attributes?: object };
    const transaction = await eventually('the back end transaction at the Sentry intake', () =>
      intake.items
        .filter((i) => i.header.type === 'span')
        .flatMap((i) => (i.payload as { items: SentrySpan[] }).items)
        .find((sp) => sp.is_segment && JSON.stringify(sp.attributes).includes('/api/orders')),
    );
    expect(transaction.trace_id).toBe(browserSpan.traceId);
    expect(transaction.parent_span_id).toBe(browserSpan.spanId);
  });
});
