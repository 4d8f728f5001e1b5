// A bench page served cross-origin isolated (COOP + COEP), so performance.now() has 5 µs
// resolution instead of 100 µs: the page script given as source is bundled with esbuild (frametel
// and frametel/vitals resolved to `distDir`) and served on a free loopback port. Used by the
// interaction benches (bench/interactions.js, bench/interactions-cold.js).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const HTML = '<!doctype html><button id="go">go</button><script type="module" src="/page.js"></script>';

/** Bundles `source` and serves it with a one-button page; resolves to its origin and a close(). */
export async function serveIsolatedPage(source, distDir) {
  const dist = distDir.endsWith('/') ? distDir : `${distDir}/`;
  const bundle = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    alias: { frametel: `${dist}index.js`, 'frametel/vitals': `${dist}instrumentations/vitals/index.js` },
  });
  const script = bundle.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/page.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript', ...ISOLATED }).end(script);
    res.writeHead(200, { 'content-type': 'text/html', ...ISOLATED }).end(HTML);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
