// track() against a raw OTel span, with this build and (optionally) a baseline build side by side
// in one process: the "track() ≤ raw span + 0.5 µs" check of a change, free of run-to-run noise.
//   cp -r dist .cache/dist-before        (before the change, after npm run build)
//   npm run build && node bench/repeat.js 5 bench/track-ab.js --cpu-time --baseline=.cache/dist-before
// The baseline dist must sit inside the checkout, so its imports resolve to the same node_modules
// (the same OTel API: both builds then share one global context manager, as in an app).
// Prints a table and one JSON line (for bench/repeat.js). Not part of npm run bench.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { register } from '../dist/index.js';
import { compare, printComparison } from './lib/measure.js';
import { nullExporter, queue, work } from './lib/track-work.js';

const baselineArg = process.argv.find((a) => a.startsWith('--baseline='));
const baseline = baselineArg
  ? await import(pathToFileURL(resolve(baselineArg.slice('--baseline='.length), 'index.js')).href)
  : undefined;
const raw = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(nullExporter(), queue)] }).getTracer(
  'raw',
);
const options = { serviceName: 'bench', endpoint: false, exporters: { traces: [nullExporter()] }, ...queue };
delete options.maxExportBatchSize;
const handles = { 'track()': register(options) };
if (baseline) handles['track() baseline'] = baseline.register(options);
const variants = {
  uninstrumented: (n) => {
    for (let i = 0; i < n; i++) work();
  },
  'raw OTel startActiveSpan': (n) => {
    for (let i = 0; i < n; i++)
      raw.startActiveSpan('op', (span) => {
        work();
        span.end();
      });
  },
};
for (const [name, ft] of Object.entries(handles)) {
  variants[name] = (n) => {
    for (let i = 0; i < n; i++) ft.track('checkout.total', work);
  };
  variants[`${name}, render:Row`] = (n) => {
    for (let i = 0; i < n; i++) ft.track('render', work, { 'ui.component.name': 'Row' });
  };
}
const results = await compare(variants, { opsPerRound: 1000, rounds: 61 });
printComparison('track() side by side: ns per operation', results, 'uninstrumented');
console.log(JSON.stringify({ trackAB: results }));
await Promise.all(Object.values(handles).map((ft) => ft.shutdown()));
