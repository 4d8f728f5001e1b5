// Core costs: track() against the same work uninstrumented and inside a raw OTel span, with
// enabled: false and sampleRate 0; the budget check alone; stats memory per operation; report().
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { register } from '../dist/index.js';
import { BudgetTable } from '../dist/budgets/budget-table.js';
import { budgetPreset } from '../dist/budgets/index.js';
import { OperationStats } from '../dist/stats/operation-stats.js';
import { buildReport, formatReport } from '../dist/stats/report.js';
import { compare, heapUsed, printComparison } from './lib/measure.js';
import { nullExporter, queue, work } from './lib/track-work.js';

export async function benchTrack({ quick }) {
  const rawProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(nullExporter(), queue)] });
  const rawTracer = rawProvider.getTracer('raw');
  const disabled = register({ serviceName: 'bench', enabled: false });
  const sampledOut = register({
    serviceName: 'bench',
    endpoint: false,
    sampleRate: 0,
    exporters: { traces: [nullExporter()] },
    maxQueueSize: queue.maxQueueSize,
  });
  const ft = register({
    serviceName: 'bench',
    endpoint: false,
    exporters: { traces: [nullExporter()] },
    maxQueueSize: queue.maxQueueSize,
  });
  const results = await compare(
    {
      uninstrumented: (n) => {
        for (let i = 0; i < n; i++) work();
      },
      'raw OTel startActiveSpan': (n) => {
        for (let i = 0; i < n; i++)
          rawTracer.startActiveSpan('op', (span) => {
            work();
            span.end();
          });
      },
      'frametel track()': (n) => {
        for (let i = 0; i < n; i++) ft.track('checkout.total', work);
      },
      'track() sampleRate 0': (n) => {
        for (let i = 0; i < n; i++) sampledOut.track('checkout.total', work);
      },
      'track() enabled: false': (n) => {
        for (let i = 0; i < n; i++) disabled.track('checkout.total', work);
      },
    },
    { opsPerRound: 1000, rounds: quick ? 7 : 61 },
  );
  printComparison('track(): ns per operation (work = 20 float adds)', results, 'uninstrumented');
  const d = ft.diagnostics();
  console.log(`  (exported ${d.traces.exported}, dropped ${d.traces.dropped} spans: no span was lost)`);
  await Promise.all([ft.shutdown(), sampledOut.shutdown(), rawProvider.shutdown()]);
  return results;
}

export async function benchBudgetCheck({ quick }) {
  const table = new BudgetTable({ ...budgetPreset('normal'), 'table.sort:orders': 80 });
  let exceeded = 0;
  const results = await compare(
    {
      'lookup operation + compare': (n) => {
        for (let i = 0; i < n; i++) {
          const b = table.resolve('table.sort', undefined);
          if (b && 12 > b.budgetMs) exceeded++;
        }
      },
      'lookup operation:subject + compare': (n) => {
        for (let i = 0; i < n; i++) {
          const b = table.resolve('table.sort', 'orders');
          if (b && 90 > b.budgetMs) exceeded++;
        }
      },
    },
    { opsPerRound: 100_000, rounds: quick ? 5 : 31 },
  );
  printComparison('budget check alone (BudgetTable lookup + comparison)', results);
  return { ...results, exceeded };
}

function logNormalMs(r) {
  const z = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
  return 16 * Math.exp(r * z);
}

export async function benchStatsMemory({ quick }) {
  const operations = 100;
  const counts = quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000];
  const fill = (count, relativeAccuracy) => {
    const stats = new OperationStats({ relativeAccuracy });
    for (let o = 0; o < operations; o++) {
      const op = `operation.${o}`;
      for (let i = 0; i < count; i++) stats.record(op, logNormalMs(1.2), 0);
    }
    return stats;
  };
  fill(2_000, 0.01); // warm-up: JIT code and hidden classes land on the heap too, and are not stats memory
  // Each size is measured inside its own call, so no stack slot of this frame keeps a previous
  // sketch alive while the next "before" is read.
  const measure = (count, relativeAccuracy) => {
    const before = heapUsed();
    const stats = fill(count, relativeAccuracy);
    const bytes = (heapUsed() - before) / operations;
    return { bytes, p99: stats.get('operation.0').p99 };
  };
  const out = {};
  for (const accuracy of [0.01, 0.02]) {
    console.log(
      `\nstats memory per operation (retained heap + array buffers / ${operations} operations; log-normal durations, σ=1.2 around 16 ms; DDSketch ${accuracy * 100}%${accuracy === 0.01 ? ', the default' : ': stats: { relativeAccuracy: 0.02 }'})`,
    );
    for (const count of counts) {
      const { bytes, p99 } = measure(count, accuracy);
      out[`${accuracy}:${count}`] = bytes;
      console.log(
        `  ${String(count).padStart(9)} samples/op: ${(bytes / 1024).toFixed(2)} KB per operation (p99 ${p99.toFixed(1)} ms)`,
      );
    }
  }
  return out;
}

export async function benchReport({ quick }) {
  const stats = new OperationStats({ maxOperations: 1000 });
  for (let o = 0; o < 1000; o++)
    for (let i = 0; i < 100; i++) stats.record(`operation.${o}`, logNormalMs(0.5), 1_700_000_000_000);
  const budgets = new BudgetTable(budgetPreset('normal'));
  const results = await compare(
    {
      'report json (1000 operations)': (n) => {
        for (let i = 0; i < n; i++) formatReport(buildReport('bench', stats, budgets), 'json');
      },
      'report csv (1000 operations)': (n) => {
        for (let i = 0; i < n; i++) formatReport(buildReport('bench', stats, budgets), 'csv');
      },
    },
    { opsPerRound: 3, rounds: quick ? 5 : 21, warmupRounds: 2 },
  );
  printComparison('report()', results);
  return results;
}

export async function runCore(opts) {
  return {
    track: await benchTrack(opts),
    budgetCheck: await benchBudgetCheck(opts),
    statsMemoryBytesPerOperation: await benchStatsMemory(opts),
    report: await benchReport(opts),
  };
}
