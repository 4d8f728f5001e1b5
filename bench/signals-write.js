// A Preact signal write with 1 and 10 effects: uninstrumented, inside a raw OTel span, and
// traced by PreactSignalsInstrumentation through register(). Side by side in one process:
// signals created before enable() stay untraced (the instrumentation hooks signal creation).
import * as signals from '@preact/signals-core';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { register } from '../dist/index.js';
import { PreactSignalsInstrumentation } from '../dist/instrumentations/signals/index.js';
import { compare, printComparison } from './lib/measure.js';

const quick = process.argv.includes('--quick');
const nullExporter = { export: (_s, done) => done({ code: 0 }), shutdown: async () => {}, forceFlush: async () => {} };
const { signal, effect } = signals;
let sink = 0;
function graph(effects) {
  const s = signal(0);
  for (let i = 0; i < effects; i++) effect(() => void (sink += s.value));
  return s;
}

const plain = { 1: graph(1), 10: graph(10) };
const rawTracer = new BasicTracerProvider({
  spanProcessors: [new BatchSpanProcessor(nullExporter, { maxQueueSize: 100_000, maxExportBatchSize: 2048 })],
}).getTracer('raw');
const inst = new PreactSignalsInstrumentation({ signals, maxUpdatesPerFrame: 1e9 });
const ft = register({
  serviceName: 'bench',
  endpoint: false,
  exporters: { traces: [nullExporter] },
  instrumentations: [inst],
  maxQueueSize: 100_000,
});
const traced = { 1: graph(1), 10: graph(10) };

const results = {};
for (const effects of [1, 10]) {
  let v = 0;
  results[effects] = await compare(
    {
      uninstrumented: (n) => {
        const s = plain[effects];
        for (let i = 0; i < n; i++) s.value = ++v;
      },
      'raw OTel span around the write': (n) => {
        const s = plain[effects];
        for (let i = 0; i < n; i++)
          rawTracer.startActiveSpan('w', (span) => {
            s.value = ++v;
            span.end();
          });
      },
      PreactSignalsInstrumentation: (n) => {
        const s = traced[effects];
        for (let i = 0; i < n; i++) s.value = ++v;
      },
    },
    { opsPerRound: 1000, rounds: quick ? 5 : 41 },
  );
  printComparison(
    `signal write with ${effects} effect${effects > 1 ? 's' : ''}: ns per write`,
    results[effects],
    'uninstrumented',
  );
}
await ft.shutdown();
console.log(JSON.stringify({ signals: results }));
