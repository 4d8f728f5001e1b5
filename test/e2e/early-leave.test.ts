import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../collector/support/processes.js';
import { closeNow, listenOnLoopback } from '../support/loopback-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

/** One OTLP/JSON request that reached the stand-in collector. */
interface Arrival {
  at: number;
  path: string;
  body: string;
}

/**
 * A page that leaves 50 ms after a budget violation, before its `load` event: what of it reaches
 * an OTLP endpoint, with the export pipeline a real chunk fetched over HTTP (esbuild splitting).
 */
describe('leaving before the pipeline chunk would load after load+idle, in real Chromium', () => {
  const arrivals: Arrival[] = [];
  const fetched: Array<{ at: number; path: string }> = [];
  const files = new Map<string, string>();
  /** How long the page server holds the pipeline chunk back (a slow link, a cold CDN). */
  let chunkDelayMs = 0;
  let pages: Server;
  let otlp: Server;
  let origin: string;
  let collector: string;
  let browser: BrowserContext | undefined;
  let profile: string | undefined;

  beforeAll(async () => {
    execFileSync('bash', [join(root, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
    const out = join(root, '.e2e-early-leave-out');
    const bundle = await build({
      entryPoints: { page: fileURLToPath(new URL('./fixtures/early-leave-page.js', import.meta.url)) },
      bundle: true,
      splitting: true,
      outdir: out,
      write: false,
      format: 'esm',
      platform: 'browser',
      minify: true,
      logLevel: 'silent',
      alias: { frametel: join(root, 'dist/index.js') },
    });
    for (const f of bundle.outputFiles) files.set(`/${basename(f.path)}`, f.text);
    expect(
      [...files.keys()].some((k) => k.startsWith('/pipeline-chunk-')),
      'a pipeline chunk of its own',
    ).toBe(true);
    pages = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0]!;
      fetched.push({ at: Date.now(), path });
      if (path === '/')
        return void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><script type="module" src="/page.js"></script><img src="/slow.png">');
      // Holds the page's load event back well past the navigation.
      if (path === '/slow.png') return void setTimeout(() => res.writeHead(404).end(), 5000);
      const js = files.get(path);
      if (js) {
        const send = () => res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
        return void (path.startsWith('/pipeline-chunk-') && chunkDelayMs > 0 ? setTimeout(send, chunkDelayMs) : send());
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title>');
    });
    origin = `http://127.0.0.1:${await listenOnLoopback(pages)}`;
    // A stand-in OTLP/HTTP endpoint with CORS (the page is cross-origin to it, as to a collector).
    otlp = createServer((req, res) => {
      const cors = {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-headers': 'content-type',
      };
      if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        arrivals.push({ at: Date.now(), path: req.url ?? '', body: Buffer.concat(chunks).toString() });
        res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{}');
      });
    });
    collector = `http://127.0.0.1:${await listenOnLoopback(otlp)}`;
  }, 300_000);

  afterEach(async () => {
    await browser?.close().catch(() => {});
    if (profile) rmSync(profile, { recursive: true, force: true });
    [browser, profile] = [undefined, undefined];
    arrivals.splice(0);
    fetched.splice(0);
  });

  afterAll(async () => {
    await Promise.allSettled([closeNow(pages), closeNow(otlp)]);
  });

  const leave = async (tag: string, errors: string[] = [], extra = '') => {
    await browser?.close().catch(() => {});
    if (profile) rmSync(profile, { recursive: true, force: true });
    profile = mkdtempSync(join(tmpdir(), 'frametel-early-leave-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: FLAGS,
    });
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/?collector=${collector}&tag=${tag}&leaveAfter=50${extra}`, { waitUntil: 'commit' });
    await page.waitForURL(`${origin}/other`, { waitUntil: 'commit' });
    const gone = Date.now();
    const started = fetched.find((f) => f.path === '/')!.at;
    const chunkAt = fetched.find((f) => f.path.startsWith('/pipeline-chunk-'))?.at;
    return { page, gone, started, chunkAt };
  };
  const has = (path: string, text: string) => arrivals.some((a) => a.path === path && a.body.includes(text));

  it('the violation starts the chunk at once: its log record, its span and the violation counter leave with the page', {
    timeout: 120_000,
  }, async () => {
    // Chunk fetch + evaluation + replay + hide flush must fit in the page's last 50 ms: on an idle
    // machine over loopback they do; on a loaded one an attempt can miss the window (then nothing
    // of that page arrives). Up to five attempts, each in a fresh profile (no cached chunk); every
    // one must ask for the chunk before leaving, one must deliver everything.
    const outcomes: string[] = [];
    let delivered = false;
    for (let attempt = 0; attempt < 5 && !delivered; attempt++) {
      arrivals.splice(0);
      fetched.splice(0);
      const tag = `early-fast-${attempt}`;
      const { started, chunkAt } = await leave(tag);
      const otherAt = fetched.find((f) => f.path === '/other')!.at;
      // Asked for at the violation, while the page was loading (its load event ≥ 5 s away) and
      // before it left; chunk only after load + idle (the old behaviour) would be never.
      expect(chunkAt).toBeDefined();
      expect(chunkAt!).toBeLessThan(otherAt);
      delivered = await eventually(
        'the violation record, the violated span and the violation counter',
        () => has('/v1/logs', 'op.slow took') && has('/v1/traces', tag) && has('/v1/metrics', 'ui.budget.violations'),
        5_000,
      ).catch(() => false);
      outcomes.push(
        `attempt ${attempt + 1}: chunk requested ${chunkAt! - started} ms, left ${otherAt - started} ms after the page; ` +
          `${delivered ? 'all arrived' : `arrived: ${arrivals.map((a) => a.path).join(', ') || 'nothing'}`}`,
      );
    }
    console.log(`[early-leave] ${outcomes.join(' | ')}`);
    expect(delivered, outcomes.join('\n')).toBe(true);
  });

  it('a chunk slower than the page is not guaranteed: held back 1 s, nothing of the page arrives (and nothing throws)', {
    timeout: 60_000,
  }, async () => {
    chunkDelayMs = 1000;
    try {
      const errors: string[] = [];
      await leave('early-slow', errors);
      await new Promise((r) => setTimeout(r, 3000));
      expect(arrivals.filter((a) => a.body.includes('early-slow') || a.body.includes('op.slow took'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      chunkDelayMs = 0;
    }
  });

  it('a quiet page (no violation record) leaving before load does not ask for the chunk before pagehide: nothing of it arrives (not guaranteed, documented)', {
    timeout: 60_000,
  }, async () => {
    const { gone, started, chunkAt } = await leave('early-quiet', [], '&quiet');
    await new Promise((r) => setTimeout(r, 3000));
    // Not requested before the hide (the page leaves 50 ms after its script ran): no violation, no
    // load event. The request pagehide starts may not even reach the server before the page is
    // gone (seen once in a full run on a loaded machine), so only "not earlier" is asserted.
    const script = fetched.find((f) => f.path === '/page.js')!.at;
    if (chunkAt !== undefined) expect(chunkAt - script).toBeGreaterThanOrEqual(50);
    expect(arrivals.filter((a) => a.body.includes('early-quiet'))).toEqual([]);
    console.log(
      `[early-leave] quiet page: chunk ${chunkAt === undefined ? 'never requested' : `requested ${chunkAt - started} ms`}, navigation seen ${gone - started} ms`,
    );
  });
});
