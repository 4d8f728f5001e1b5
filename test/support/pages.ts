import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, type Plugin } from 'esbuild';
import { build as viteBuild, preview } from 'vite';
import { closeNow, listenOnLoopback } from './loopback-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The pages import frametel from dist/ (what the package publishes); npm test builds it first. */
export function ensureDist(file = 'index.js'): void {
  if (!existsSync(join(root, 'dist', file))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

/**
 * A test/e2e/fixtures page script bundled for the browser: `entries` maps each bare frametel
 * import the fixture uses to its file under dist/ (`{ frametel: 'index.js' }`).
 */
export async function bundleFixture(fixture: string, entries: Record<string, string>, plugins: Plugin[] = []) {
  ensureDist();
  const bundle = await esbuild({
    entryPoints: [join(root, 'test/e2e/fixtures', fixture)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    plugins,
    alias: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, 'dist', file)])),
  });
  return bundle.outputFiles[0]!.text;
}

/** Answers a request for another path than / and /page.js; false: not one of its paths (404). */
export type Route = (path: string, req: IncomingMessage, res: ServerResponse) => boolean;

export interface FixturePage {
  readonly server: Server;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves a fixture page on 127.0.0.1: `html` at /, the bundled `script` at /page.js (which the
 * html loads as a module), any other path to `route` (404 when it returns false).
 */
export async function serveFixturePage(html: string, script: string, route: Route = () => false): Promise<FixturePage> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    if (path === '/page.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (!route(path, req, res)) res.writeHead(404).end('missing');
  });
  const origin = `http://127.0.0.1:${await listenOnLoopback(server)}`;
  return { server, origin, close: () => closeNow(server) };
}

/**
 * The grid-dashboard demo (examples/grid-dashboard), built by Vite in production mode (profiling
 * react-dom) with its exports pointed at `endpoint`, into a directory of its own so two test
 * files never overwrite each other's build, and served by Vite's preview on `port`.
 */
export interface Demo {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  close(): Promise<void>;
}

export async function serveDemo(endpoint: string, port: number): Promise<Demo> {
  ensureDist('instrumentations/vitals/index.js');
  process.env.VITE_FRAMETEL_ENDPOINT = endpoint;
  process.env.DEMO_PORT = String(port);
  const configFile = join(root, 'examples/grid-dashboard/vite.config.mjs');
  const outDir = mkdtempSync(join(tmpdir(), 'frametel-demo-'));
  await viteBuild({ configFile, mode: 'production', logLevel: 'warn', build: { outDir } });
  const server = await preview({ configFile, mode: 'production', logLevel: 'warn', build: { outDir } });
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await server.close().catch(() => {});
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
