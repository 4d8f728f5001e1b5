// Bundle size side by side: frametel's typical bootstrap vs @sentry/browser with tracing and
// Honeycomb's OpenTelemetry web distro with the web auto-instrumentations, bundled the same way
// (esbuild, minified ESM for the browser).
import { BUNDLES, kb, measureBundle } from './lib/bundle.js';

const peers = {
  'frametel: register + react, signals, table + overlay':
    BUNDLES['bootstrap: register + react, signals, table instrumentations + overlay'],
  'frametel: register + react, signals, table (no overlay)':
    BUNDLES['bootstrap without overlay: register + react, signals, table instrumentations'],
  'frametel: register only': BUNDLES['frametel (register)'],
  'frametel: register, critical path (esbuild splitting)':
    BUNDLES['critical path: register(), with the export pipeline chunk split off'],
  '@sentry/browser 11 + browserTracingIntegration': {
    code: `import * as Sentry from '@sentry/browser';
Sentry.init({ dsn: 'https://k@o0.ingest.sentry.io/0', integrations: [Sentry.browserTracingIntegration()], tracesSampleRate: 1 });`,
  },
  '@honeycombio/opentelemetry-web 1.5 + auto-instrumentations-web': {
    code: `import { HoneycombWebSDK } from '@honeycombio/opentelemetry-web';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
new HoneycombWebSDK({ apiKey: 'x', serviceName: 'app', instrumentations: [getWebAutoInstrumentations()] }).start();`,
  },
};

console.log('\nbrowser bundle sizes (esbuild, minified ESM)');
console.log('  bundle                                                        min        gzip      brotli');
const out = {};
for (const [name, b] of Object.entries(peers)) {
  try {
    const m = await measureBundle(b);
    out[name] = m;
    console.log(`  ${name.padEnd(60)} ${kb(m.min).padStart(9)} ${kb(m.gzip).padStart(9)} ${kb(m.brotli).padStart(9)}`);
    if (m.lazy)
      console.log(
        `  ${'  + loaded after `load` by import()'.padEnd(60)} ${kb(m.lazy.min).padStart(9)} ${kb(m.lazy.gzip).padStart(9)}`,
      );
    delete m.metafile;
    delete m.critical;
  } catch (error) {
    console.log(`  ${name.padEnd(60)} failed to bundle: ${String(error.message ?? error).split('\n')[0]}`);
  }
}
console.log(JSON.stringify({ bundles: out }));
