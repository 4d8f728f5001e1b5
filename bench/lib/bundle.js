// Browser bundles of frametel entry points, built the way an app's bundler would (esbuild,
// minified ESM for the browser), measured min, min+gzip and min+brotli. Shared by the bench
// (prints) and test/unit/bundle-size.test.ts (checks bench/size-budget.json).
import { build } from 'esbuild';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The OpenTelemetry packages a row "without the OTel SDK" leaves out: every one but
 * semantic-conventions, which is plain string constants an app's bundler tree-shakes to the names
 * used. Left external, it would keep src/semconv.ts's re-export of its stable names as an import
 * statement (≈ 150 B gz per row) that no app bundle has, and hide the names a row does use.
 */
const OTEL = [
  '@opentelemetry/api',
  '@opentelemetry/api-logs',
  '@opentelemetry/core',
  '@opentelemetry/resources',
  '@opentelemetry/instrumentation',
  '@opentelemetry/instrumentation-*',
  '@opentelemetry/sdk-*',
  '@opentelemetry/exporter-*',
  '@opentelemetry/otlp-*',
];

/**
 * Named bundles: what an app imports. `sdk: false` marks the size of frametel's own code, with
 * the OpenTelemetry SDK and the instrumented libraries left out (they are the app's cost either way).
 */
export const BUNDLES = {
  'frametel (register)': { code: `import { register } from 'frametel'; register({ serviceName: 'app' });` },
  'frametel/budgets': { code: `export { BudgetSpanProcessor, budgetPreset } from 'frametel/budgets';` },
  'frametel/react': { code: `export * from 'frametel/react';`, external: ['react', 'react-dom', ...OTEL] },
  'frametel/signals': { code: `export * from 'frametel/signals';`, external: [...OTEL] },
  'frametel/table': { code: `export * from 'frametel/table';`, external: [...OTEL] },
  'frametel/devtools': { code: `export * from 'frametel/devtools';`, external: [...OTEL] },
  'frametel/devtools/replay': { code: `export * from 'frametel/devtools/replay';`, external: [...OTEL] },
  'frametel/errors (no Sentry code)': { code: `export * from 'frametel/errors';`, external: [...OTEL] },
  'frametel/network (without instrumentation-fetch)': {
    code: `export * from 'frametel/network';`,
    external: [...OTEL],
  },
  'frametel/memory': { code: `export * from 'frametel/memory';`, external: [...OTEL] },
  'frametel/errors/react': {
    code: `export * from 'frametel/errors/react';`,
    external: ['react', 'react-dom', ...OTEL],
  },
  'frametel/errors/sentry (without @sentry/core)': {
    code: `export * from 'frametel/errors/sentry';`,
    external: ['@sentry/*', ...OTEL],
  },
  // Own code only: the web-vitals library is measured on its own line below (the 4 KB is frametel's part).
  'frametel/vitals (own code, without web-vitals)': {
    code: `export * from 'frametel/vitals';`,
    external: [...OTEL, 'web-vitals', 'web-vitals/*'],
  },
  'web-vitals attribution build (pinned, used by frametel/vitals)': { code: `export * from 'web-vitals/attribution';` },
  // The page load (around OTel's instrumentation-document-load, measured without it) and User Timing.
  'frametel/vitals/navigation (without instrumentation-document-load)': {
    code: `export * from 'frametel/vitals/navigation';`,
    external: [...OTEL],
  },
  'frametel/vitals/measures': { code: `export * from 'frametel/vitals/measures';`, external: [...OTEL] },
  'bootstrap: register + react, signals, table instrumentations + overlay': {
    code: `import { register } from 'frametel'; import { ReactRenderInstrumentation } from 'frametel/react';
import { PreactSignalsInstrumentation } from 'frametel/signals'; import { TableInstrumentation } from 'frametel/table';
import { mountOverlay } from 'frametel/devtools';
const ft = register({ serviceName: 'app', instrumentations: [new ReactRenderInstrumentation(), new PreactSignalsInstrumentation({ signals: globalThis.signals }), new TableInstrumentation()] });
mountOverlay(ft);`,
    external: ['react', 'react-dom'],
  },
  'frametel delivery (unload flush + persistence), own code without idb-keyval': {
    code: `export { attachDelivery } from './dist/delivery/index.js'; export { RecordIdProcessor } from './dist/delivery/record-id.js';`,
    // Not ...OTEL: an external semantic-conventions would keep semconv.ts's re-export
    // of its stable names as an import statement (≈150 B gz) that no app bundle has.
    external: ['@opentelemetry/api', 'idb-keyval'],
  },
  // The two parts of delivery on their own (issue 14 gives persistence ≤ 2 KB gz of its own code).
  // What both parts use is left out of both and counted in the row above: the transport seam and
  // the answer to the exporter (transport.js), OTLP/JSON splitting and joining (payload.js).
  // Persistence: the store, eviction, re-sending, backoff, leases and Web Locks, refusal
  // detection, and log.record.uid (only given with persistence on).
  'frametel delivery: persistence (own code, without idb-keyval)': {
    code: `export { persist } from './dist/delivery/persistence.js'; export { RecordIdProcessor } from './dist/delivery/record-id.js';`,
    external: ['@opentelemetry/api', 'idb-keyval', './payload.js', './transport.js'],
  },
  // The unload flush: hide detection, packing within the keepalive quota and its counters.
  'frametel delivery: unload flush (own code)': {
    code: `export { unloadFlush } from './dist/delivery/unload-flush.js'; export { claim } from './dist/delivery/keepalive.js';`,
    external: ['@opentelemetry/api', './payload.js', './transport.js'],
  },
  'bootstrap without overlay: register + react, signals, table instrumentations': {
    code: `import { register } from 'frametel'; import { ReactRenderInstrumentation } from 'frametel/react';
import { PreactSignalsInstrumentation } from 'frametel/signals'; import { TableInstrumentation } from 'frametel/table';
register({ serviceName: 'app', instrumentations: [new ReactRenderInstrumentation(), new PreactSignalsInstrumentation({ signals: globalThis.signals }), new TableInstrumentation()] });`,
    external: ['react', 'react-dom'],
  },
  'bootstrap without overlay, critical path (export pipeline chunk split off)': {
    code: `import { register } from 'frametel'; import { ReactRenderInstrumentation } from 'frametel/react';
import { PreactSignalsInstrumentation } from 'frametel/signals'; import { TableInstrumentation } from 'frametel/table';
register({ serviceName: 'app', instrumentations: [new ReactRenderInstrumentation(), new PreactSignalsInstrumentation({ signals: globalThis.signals }), new TableInstrumentation()] });`,
    external: ['react', 'react-dom'],
    split: true,
  },
  'critical path: register(), with the export pipeline chunk split off': {
    code: `import { register } from 'frametel'; register({ serviceName: 'app' });`,
    split: true,
  },
  'frametel own code, without the OTel SDK': {
    code: `import { register } from 'frametel'; register({ serviceName: 'app' });`,
    external: [...OTEL],
  },
};

/**
 * `split: true` bundles with code splitting, as an app's bundler does for `import()`: `gzip`,
 * `min` and `brotli` are then the critical path (the entry chunk and the chunks it imports
 * statically, each compressed on its own as it is downloaded), `lazy` the chunks only reached
 * through `import()`.
 */
export async function measureBundle({ code, external = [], split = false }) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js', sourcefile: 'entry.js' },
    ...(split ? { splitting: true, outdir: `${root}.bundle-size-out` } : {}),
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    external,
    metafile: true,
    logLevel: 'silent',
  });
  if (split) return measureSplit(result);
  const out = result.outputFiles[0].contents;
  return {
    min: out.length,
    gzip: gzipSync(out, { level: 9 }).length,
    brotli: brotliCompressSync(out, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    inputs: Object.keys(result.metafile.inputs).length,
    metafile: result.metafile,
  };
}

function measureSplit(result) {
  const outputs = result.metafile.outputs;
  const files = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  const keyOf = (p) => Object.keys(outputs).find((k) => p.endsWith(k.replace(/^\.\//, '')));
  const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint !== undefined);
  const critical = new Set();
  const visit = (k) => {
    if (critical.has(k)) return;
    critical.add(k);
    for (const i of outputs[k].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entry);
  const sizes = { min: 0, gzip: 0, brotli: 0, lazy: { min: 0, gzip: 0, chunks: 0 } };
  for (const [path, contents] of files) {
    const k = keyOf(path);
    if (!k?.endsWith('.js')) continue;
    const gz = gzipSync(contents, { level: 9 }).length;
    if (critical.has(k)) {
      sizes.min += contents.length;
      sizes.gzip += gz;
      sizes.brotli += brotliCompressSync(contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    } else {
      sizes.lazy.min += contents.length;
      sizes.lazy.gzip += gz;
      sizes.lazy.chunks++;
    }
  }
  return { ...sizes, inputs: Object.keys(result.metafile.inputs).length, metafile: result.metafile, critical };
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
