// Where the collector and Jaeger binaries live, keyed by what they are built from, so a build
// is reused until its inputs change, also across clean clones (the cache is outside the repo).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const COLLECTOR_DIR = fileURLToPath(new URL('.', import.meta.url));
export const ROOT_DIR = join(COLLECTOR_DIR, '..');
export const MANIFEST = join(COLLECTOR_DIR, 'builder-config.yaml');

/** The OCB version: the release every component in the manifest is pinned to. */
export const BUILDER_VERSION = 'v0.161.0';
/**
 * Jaeger v2 by module version. Jaeger's v2.x tags cannot be resolved by the Go tool (its module
 * path has no /v2) and the module proxy reachable here refuses commit pseudo-versions, so it is
 * built from the v1.76.0 tag, which Jaeger cut on the same commit as v2.13.0 (cmd/jaeger is the
 * v2 binary). Jaeger's go.mod has a replace directive, so `go install pkg@version` refuses it;
 * it is built in a small wrapper module that repeats the replace (collector/build.mjs).
 */
export const JAEGER_MODULE_VERSION = 'v1.76.0';
export const JAEGER_REPLACES = ['github.com/Shopify/sarama => github.com/Shopify/sarama v1.33.0'];

export const cacheDir = () => process.env.FRAMETEL_CACHE_DIR || join(homedir(), '.cache', 'frametel');

export function goVersion() {
  try {
    return execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  } catch {
    return 'no-go';
  }
}

const hash = (...parts) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);

export function collectorKey(go = goVersion()) {
  return hash(readFileSync(MANIFEST, 'utf8'), BUILDER_VERSION, go);
}

export function jaegerKey(go = goVersion()) {
  return hash(JAEGER_MODULE_VERSION, ...JAEGER_REPLACES, go);
}

export function collectorBinary(go) {
  return join(cacheDir(), 'otelcol-frametel', collectorKey(go), 'otelcol-frametel');
}

export function jaegerBinary(go) {
  return join(cacheDir(), 'jaeger', jaegerKey(go), 'jaeger');
}

/** Both binary paths; throws a clear error when a build is missing (tests must fail, not skip). */
export function requireBinaries() {
  const go = goVersion();
  const out = { collector: collectorBinary(go), jaeger: jaegerBinary(go) };
  for (const [what, path] of Object.entries(out)) {
    if (!existsSync(path)) throw new Error(`${what} binary missing at ${path}: run npm run collector:build`);
  }
  return out;
}
