// One React commit of a small component: rendered directly, inside a bare <Profiler> (React's
// own profiling cost), and inside <RenderBoundary> with frametel registered. The production
// profiling build (NODE_ENV=production + react-dom/profiling, what an app ships to keep render
// spans) in a happy-dom window; flushSync makes each op one synchronous commit. The development
// build is not measured: its createElement captures owner stacks and dominates everything.
// --baseline=<dir>: also measures another build's dist (e.g. a copy of main's), registered as a
// second frametel with its own instrumentation, for a before/after side by side in one process.
process.env.NODE_ENV = 'production';
import { Window } from 'happy-dom';

const window = new Window();
Object.assign(globalThis, {
  window,
  document: window.document,
  navigator: window.navigator,
  HTMLElement: window.HTMLElement,
  Node: window.Node,
});
const { createElement: h, Profiler } = await import('react');
const { createRoot } = await import('react-dom/profiling');
const { flushSync } = await import('react-dom');
const { ROOT_CONTEXT } = await import('@opentelemetry/api');
const { BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
const { WebTracerProvider } = await import('@opentelemetry/sdk-trace-web');
const { resolve } = await import('node:path');
const { pathToFileURL } = await import('node:url');
const { register } = await import('../dist/index.js');
const { ReactRenderInstrumentation, RenderBoundary, flushRenderCommits } = await import(
  '../dist/instrumentations/react/index.js'
);
const baselineDir = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
const baseline = baselineDir
  ? {
      root: pathToFileURL(`${resolve(baselineDir)}/`),
      ...(await import(new URL('instrumentations/react/index.js', pathToFileURL(`${resolve(baselineDir)}/`)))),
    }
  : undefined;
const { compare, printComparison } = await import('./lib/measure.js');
const Sentry = await import('@sentry/react');
// The peer doing the same job: Sentry's React profiler, with tracing on and a transport that
// drops envelopes (the cost measured is the SDK's, not the network's).
Sentry.init({
  dsn: 'http://key@127.0.0.1:9/1',
  tracesSampleRate: 1,
  defaultIntegrations: false, // browser-only integrations need a real window
  transport: () => ({ send: async () => ({}), flush: async () => true }),
});

const quick = process.argv.includes('--quick');
const nullExporter = { export: (_s, done) => done({ code: 0 }), shutdown: async () => {}, forceFlush: async () => {} };
const ft = register({
  serviceName: 'bench',
  endpoint: false,
  exporters: { traces: [nullExporter] },
  instrumentations: [new ReactRenderInstrumentation()],
  maxQueueSize: 100_000,
});

function Row({ n }) {
  return h('div', null, h('span', null, 'row '), h('b', null, String(n)));
}
const noop = () => {};
function mount(wrap) {
  const el = window.document.createElement('div');
  window.document.body.appendChild(el);
  const root = createRoot(el);
  let n = 0;
  return (count) => {
    for (let i = 0; i < count; i++) flushSync(() => root.render(wrap(h(Row, { n: ++n }))));
  };
}
const direct = mount((child) => child);
const profiler = mount((child) => h(Profiler, { id: 'Row', onRender: noop }, child));
// The OTel floor of a traced commit: a bare <Profiler> whose callback makes the same span
// (name, four attributes, React's start/end times) through a bare WebTracerProvider with a batch
// processor (frametel's queue settings) and a null exporter. No budgets, stats or histograms.
const rawTracer = new WebTracerProvider({
  spanProcessors: [new BatchSpanProcessor(nullExporter, { maxQueueSize: 100_000, maxExportBatchSize: 512 })],
}).getTracer('floor');
const rawSpan = (id, phase, actualDuration, baseDuration, startTime) => {
  const start = performance.timeOrigin + startTime;
  const attributes = {
    'ui.operation': 'component.render',
    'ui.component.name': id,
    'ui.render.phase': phase,
    'ui.render.base_duration_ms': baseDuration,
  };
  rawTracer.startSpan(`render ${id}`, { startTime: start, attributes }, ROOT_CONTEXT).end(start + actualDuration);
};
const floor = mount((child) => h(Profiler, { id: 'Row', onRender: rawSpan }, child));
const boundary = mount((child) => h(RenderBoundary, { name: 'Row' }, child));
const boundaryTotal = mount((child) => h(RenderBoundary, { name: 'Row' }, child));
const SentryRow = Sentry.withProfiler(Row, { name: 'Row' });
const sentry = mount((child) => h(SentryRow, child.props));
// Sentry's profiler only records inside an active span: give it one, as a routing span would.
const sentryInSpan = (count) => Sentry.startSpan({ name: 'route' }, () => sentry(count));
const baselineFt = baseline
  ? (await import(new URL('index.js', baseline.root))).register({
      serviceName: 'bench',
      endpoint: false,
      exporters: { traces: [nullExporter] },
      instrumentations: [new baseline.ReactRenderInstrumentation()],
      maxQueueSize: 100_000,
    })
  : undefined;
const baselineBoundary = baseline && mount((child) => h(baseline.RenderBoundary, { name: 'Row' }, child));
const baselineTotal = baseline && mount((child) => h(baseline.RenderBoundary, { name: 'Row' }, child));
const results = await compare(
  {
    'direct render': direct,
    'inside <Profiler> (React only)': profiler,
    '<Profiler> + raw OTel span (the floor)': floor,
    // The commit path: spans, histograms, stats and budget checks are made later, in an idle task
    // (between rounds here). The next row adds that deferred work, drained inside the timing.
    'inside <RenderBoundary> (commit path)': boundary,
    '<RenderBoundary> + its idle task': (count) => {
      boundaryTotal(count);
      flushRenderCommits();
    },
    'Sentry withProfiler': sentryInSpan,
    ...(baseline
      ? {
          'baseline <RenderBoundary> (commit path)': baselineBoundary,
          'baseline <RenderBoundary> + its idle task': (count) => {
            baselineTotal(count);
            baseline.flushRenderCommits();
          },
        }
      : {}),
  },
  { opsPerRound: 200, rounds: quick ? 5 : 41 },
);
printComparison(
  'React commit of a small component (react-dom profiling build): time per commit',
  results,
  'direct render',
);
await ft.shutdown();
await baselineFt?.shutdown();
console.log(JSON.stringify({ reactRender: results }));
