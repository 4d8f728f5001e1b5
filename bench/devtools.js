// What the DevTools cost when they are on: a span through a provider with and without the
// SpanRingBuffer, and what recordValues adds to a signal write (estimate + structured clone into
// the value history) next to the traced write itself. Side by side in one process; prints, never asserts.
import * as signals from '@preact/signals-core';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SpanRingBuffer } from '../dist/devtools/index.js';
import { register } from '../dist/index.js';
import { PreactSignalsInstrumentation } from '../dist/instrumentations/signals/index.js';
import { ValueHistory } from '../dist/instrumentations/signals/value-history.js';
import { compare, printComparison } from './lib/measure.js';

const quick = process.argv.includes('--quick');
const rounds = quick ? 5 : 41;
const nullExporter = { export: (_s, done) => done({ code: 0 }), shutdown: async () => {}, forceFlush: async () => {} };
const batch = () => new BatchSpanProcessor(nullExporter, { maxQueueSize: 100_000, maxExportBatchSize: 2048 });
const attributes = { 'ui.operation': 'table.sort', 'ui.table.name': 'orders', 'ui.table.rows_in': 20000 };
const plain = new BasicTracerProvider({ spanProcessors: [batch()] }).getTracer('bench');
const buffer = new SpanRingBuffer();
const buffered = new BasicTracerProvider({ spanProcessors: [buffer, batch()] }).getTracer('bench');
const spans = await compare(
  {
    'span, exporting only': (n) => {
      for (let i = 0; i < n; i++) plain.startSpan('table.sort', { attributes }).end();
    },
    'span, + SpanRingBuffer': (n) => {
      for (let i = 0; i < n; i++) buffered.startSpan('table.sort', { attributes }).end();
    },
  },
  { opsPerRound: 1000, rounds },
);
printComparison('one span with 3 attributes: ns per span', spans, 'span, exporting only');
console.log(`ring buffer after the run: ${buffer.size} spans, ${(buffer.byteSize / 1024).toFixed(0)} KiB estimated`);

// recordValues: the work it adds to a traced write (keep previous/next: estimate + structured clone),
// next to the traced write itself.
const inst = new PreactSignalsInstrumentation({ signals, maxUpdatesPerFrame: 1e9 });
const ft = register({ serviceName: 'bench', endpoint: false, instrumentations: [inst], maxQueueSize: 100_000 });
const a = signals.signal({ id: 'total', desc: false, page: 0 }, { name: 'a' });
const history = new ValueHistory();
let v = 0;
const writes = await compare(
  {
    'traced write (recordValues: false)': (n) => {
      for (let i = 0; i < n; i++) a.value = { id: 'total', desc: i % 2 === 0, page: ++v };
    },
    'added by recordValues: true': (n) => {
      for (let i = 0; i < n; i++) history.add('a', { id: 'total', desc: i % 2 === 0, page: ++v }, 't', 's');
    },
  },
  { opsPerRound: 1000, rounds },
);
printComparison('signal write of a 3-key object: ns per write', writes, 'traced write (recordValues: false)');
await ft.shutdown();
console.log(JSON.stringify({ devtools: { spans, writes } }));
