// Browser bundles of frametel entry points, built the way an app's bundler would (esbuild,
// minified ESM for the browser), measured min, min+gzip and min+brotli. Shared by the bench
// (prints) and test/unit/bundle-size.test.ts (checks bench/size-budget.json).
import { build } from 'esbuild';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Named bundles: what an app imports. `sdk: false` marks the size of frametel's own code, with
 * the OpenTelemetry SDK and the instrumented libraries left out (they are the app's cost either way).
 */
export const BUNDLES = {
  'frametel (register)': { code: `import { register } from 'frametel'; register({ serviceName: 'app' });` },
  'frametel/budgets': { code: `export { BudgetSpanProcessor, budgetPreset } from 'frametel/budgets';` },
  'frametel/react': { code: `export * from 'frametel/react';`, external: ['react', 'react-dom', '@opentelemetry/*'] },
  'frametel/signals': { code: `export * from 'frametel/signals';`, external: ['@opentelemetry/*'] },
  'frametel/table': { code: `export * from 'frametel/table';`, external: ['@opentelemetry/*'] },
  'frametel/devtools': { code: `export * from 'frametel/devtools';`, external: ['@opentelemetry/*'] },
  'frametel/devtools/replay': { code: `export * from 'frametel/devtools/replay';`, external: ['@opentelemetry/*'] },
  'frametel/errors (no Sentry code)': { code: `export * from 'frametel/errors';`, external: ['@opentelemetry/*'] },
  'frametel/network (without instrumentation-fetch)': {
    code: `export * from 'frametel/network';`,
    external: ['@opentelemetry/*'],
  },
  'frametel/memory': { code: `export * from 'frametel/memory';`, external: ['@opentelemetry/*'] },
  'frametel/errors/react': {
    code: `export * from 'frametel/errors/react';`,
    external: ['react', 'react-dom', '@opentelemetry/*'],
  },
  'frametel/errors/sentry (without @sentry/core)': {
    code: `export * from 'frametel/errors/sentry';`,
    external: ['@sentry/*', '@opentelemetry/*'],
  },
  // Own code only: the web-vitals library is measured on its own line below (the 4 KB is frametel's part).
  'frametel/vitals (own code, without web-vitals)': {
    code: `export * from 'frametel/vitals';`,
    external: ['@opentelemetry/*', 'web-vitals', 'web-vitals/*'],
  },
  'web-vitals attribution build (pinned, used by frametel/vitals)': { code: `export * from 'web-vitals/attribution';` },
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
    external: ['@opentelemetry/*', 'idb-keyval'],
  },
  'frametel own code, without the OTel SDK': {
    code: `import { register } from 'frametel'; register({ serviceName: 'app' });`,
    external: ['@opentelemetry/*'],
  },
};

export async function measureBundle({ code, external = [] }) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
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
  const out = result.outputFiles[0].contents;
  return {
    min: out.length,
    gzip: gzipSync(out, { level: 9 }).length,
    brotli: brotliCompressSync(out, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    inputs: Object.keys(result.metafile.inputs).length,
    metafile: result.metafile,
  };
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
