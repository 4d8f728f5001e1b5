// TanStack Table v9 sort of 10k and 100k rows, uninstrumented vs with tableTelemetryFeature +
// TableInstrumentation (register()). Each op flips the sort direction and reads the row model,
// so every op is a real re-sort.
import {
  constructTable,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/table-core';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { register } from '../dist/index.js';
import { TableInstrumentation, tableTelemetryFeature } from '../dist/instrumentations/table/index.js';
import { compare, printComparison } from './lib/measure.js';

const quick = process.argv.includes('--quick');
const nullExporter = { export: (_s, done) => done({ code: 0 }), shutdown: async () => {}, forceFlush: async () => {} };
const ft = register({
  serviceName: 'bench',
  endpoint: false,
  exporters: { traces: [nullExporter] },
  instrumentations: [new TableInstrumentation()],
});
const columns = [{ accessorKey: 'id' }, { accessorKey: 'total', sortFn: 'basic' }];

function makeTable(rows, telemetry) {
  const data = Array.from({ length: rows }, (_, i) => ({ id: i, total: (i * 104_729) % 10_007 }));
  const features = tableFeatures({
    coreReactivityFeature: storeReactivityBindings(),
    rowSortingFeature,
    sortedRowModel: createSortedRowModel(),
    sortFns: { basic: sortFn_basic },
    ...(telemetry ? { tableTelemetry: tableTelemetryFeature({ name: `t${rows}` }) } : {}),
  });
  const table = constructTable({ features, columns, data });
  table.getRowModel();
  let desc = false;
  return () => {
    desc = !desc;
    table.setSorting([{ id: 'total', desc }]);
    return table.getRowModel().rows.length;
  };
}

const results = {};
for (const rows of [10_000, 100_000]) {
  const plain = makeTable(rows, false);
  const traced = makeTable(rows, true);
  results[rows] = await compare(
    {
      uninstrumented: (n) => {
        for (let i = 0; i < n; i++) plain();
      },
      tableTelemetryFeature: (n) => {
        for (let i = 0; i < n; i++) traced();
      },
    },
    { opsPerRound: 1, rounds: quick ? 3 : rows > 10_000 ? 21 : 151, warmupRounds: 5 },
  );
  const base = results[rows].uninstrumented.median;
  const inst = results[rows].tableTelemetryFeature.median;
  printComparison(`TanStack v9 sort of ${rows} rows: time per sort`, results[rows], 'uninstrumented');
  console.log(`  overhead ${(((inst - base) / base) * 100).toFixed(2)} %`);
}
await ft.shutdown();
console.log(JSON.stringify({ tableSort: results }));
