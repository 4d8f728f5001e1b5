// The deferred half of a <RenderBoundary> commit on its own, without React: what the idle task
// does per commit (span with explicit times, budget check, operation stats, the render and
// operation histograms, component stats), next to the OTel floor for the same span: a raw
// WebTracerProvider + BatchSpanProcessor span with the same name, attributes and explicit times,
// alone and with one histogram record. Side by side, interleaved, in one process.
//   node --expose-gc bench/react-deferred.js [--quick]      (after npm run build)
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/react-deferred.js --profile   (profile only)
//   --baseline=<dir>: also runs another build's dist (e.g. a copy of main's) in the same process,
//   registered as a second frametel with its own instrumentation, for a before/after side by side.
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compare, printComparison } from './lib/measure.js';

const quick = process.argv.includes('--quick');
const profile = process.argv.includes('--profile');
const baselineDir = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
const nullExporter = { export: (_s, done) => done({ code: 0 }), shutdown: async () => {}, forceFlush: async () => {} };

/** One frametel build registered with the bench's settings; `commits(n)` is n commits + the idle task. */
async function frametel(distUrl) {
  const { register } = await import(new URL('index.js', distUrl));
  const react = await import(new URL('instrumentations/react/index.js', distUrl));
  const { recordRenderCommit } = await import(new URL('instrumentations/react/instrumentation.js', distUrl));
  const ft = register({
    serviceName: 'bench',
    endpoint: false,
    exporters: { traces: [nullExporter] },
    instrumentations: [new react.ReactRenderInstrumentation()],
    maxQueueSize: 100_000,
  });
  // Builds before the allocation-free commit path took one RenderCommit object.
  const record =
    recordRenderCommit.length === 1
      ? (name, phase, actual, base, start) =>
          recordRenderCommit({ name, phase, actualDuration: actual, baseDuration: base, startTime: start })
      : recordRenderCommit;
  return {
    ft,
    commits(n) {
      for (let i = 0; i < n; i++) record('Row', 'update', 0.05, 0.02 + (i & 7) / 1000, performance.now());
      react.flushRenderCommits();
    },
  };
}
const baseline = baselineDir ? await frametel(pathToFileURL(`${resolve(baselineDir)}/`)) : undefined;
const current = await frametel(new URL('../dist/', import.meta.url));

// The floor: the same span through a bare OTel web provider with a batch processor (same queue
// settings as frametel's) and a null exporter; the histogram through a bare MeterProvider.
const raw = new WebTracerProvider({
  spanProcessors: [new BatchSpanProcessor(nullExporter, { maxQueueSize: 100_000, maxExportBatchSize: 512 })],
});
const rawTracer = raw.getTracer('raw');
const rawMeters = new MeterProvider();
const rawHistogram = rawMeters.getMeter('raw').createHistogram('h', { unit: 's' });

const attributes = (phase, base) => ({
  'ui.operation': 'component.render',
  'ui.component.name': 'Row',
  'ui.render.phase': phase,
  'ui.render.base_duration_ms': base,
});
function rawSpan(i) {
  const start = performance.timeOrigin + performance.now();
  const span = rawTracer.startSpan(
    'render Row',
    { startTime: start, attributes: attributes('update', 0.02 + (i & 7) / 1000) },
    ROOT_CONTEXT,
  );
  span.end(start + 0.05);
}

const variants = {
  'raw OTel span (floor)': (n) => {
    for (let i = 0; i < n; i++) rawSpan(i);
  },
  'raw OTel span + histogram record': (n) => {
    for (let i = 0; i < n; i++) {
      rawSpan(i);
      rawHistogram.record(0.00005, { 'ui.component.name': 'Row', 'ui.render.phase': 'update' });
    }
  },
  'frametel commit + idle task': current.commits,
  ...(baseline ? { 'frametel commit + idle task (baseline)': baseline.commits } : {}),
};

if (profile) {
  // Only frametel's path, long enough for a CPU profile to see it.
  for (let r = 0; r < 400; r++) {
    variants['frametel commit + idle task'](500);
    await new Promise((resolve) => setImmediate(resolve));
  }
} else {
  const results = await compare(variants, { opsPerRound: 500, rounds: quick ? 5 : 41 });
  printComparison(
    'Deferred RenderBoundary work per commit (no React): time per commit',
    results,
    'raw OTel span (floor)',
  );
  console.log(JSON.stringify({ reactDeferred: results }));
}
await current.ft.shutdown();
await baseline?.ft.shutdown();
await raw.shutdown();
await rawMeters.shutdown();
