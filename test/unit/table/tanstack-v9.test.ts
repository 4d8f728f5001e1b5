import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import {
  columnFilteringFeature,
  constructTable,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/table-core';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { register, FrametelConfigError } from '../../../src/index.js';
import { clearCause, causeContext } from '../../../src/context/causal.js';
import { TableInstrumentation, tableTelemetryFeature } from '../../../src/instrumentations/table/index.js';
import { dataPointsOf } from '../../support/sdk.js';

interface Order {
  id: number;
  customer: string;
  total: number;
}
const ROWS = 12_000;
const data: Order[] = Array.from({ length: ROWS }, (_, i) => ({
  id: i,
  customer: `customer ${(i * 7919) % 1000}`,
  total: (i * 104_729) % 10_007,
}));
const columns = [
  { accessorKey: 'id', header: 'Id' },
  { accessorKey: 'customer', header: 'Customer', filterFn: 'includesString' },
  { accessorKey: 'total', header: 'Total', sortFn: 'basic' },
];

function makeTable(name = 'orders') {
  const features = tableFeatures({
    coreReactivityFeature: storeReactivityBindings(),
    columnFilteringFeature,
    rowSortingFeature,
    rowPaginationFeature,
    rowSelectionFeature,
    filteredRowModel: createFilteredRowModel(),
    sortedRowModel: createSortedRowModel(),
    paginatedRowModel: createPaginatedRowModel(),
    filterFns: { includesString: filterFn_includesString },
    sortFns: { basic: sortFn_basic, alphanumeric: sortFn_alphanumeric },
    tableTelemetry: tableTelemetryFeature({ name }),
  } as never);
  return constructTable({ features, columns, data, getRowId: (r: Order) => String(r.id) } as never) as unknown as {
    getRowModel(): { rows: Array<{ original: Order }> };
    setSorting(s: unknown): void;
    setColumnFilters(f: unknown): void;
    setRowSelection(s: unknown): void;
    getColumn(id: string): { toggleSorting(desc?: boolean): void };
  };
}

const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const meterProvider = new MeterProvider({ readers: [reader] });
let inst: TableInstrumentation;

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
beforeEach(() => {
  inst = new TableInstrumentation();
  inst.setTracerProvider(tracerProvider);
  inst.setMeterProvider(meterProvider);
  spans.reset();
  clearCause();
});
afterEach(() => inst.disable());

const byName = (name: string) => spans.getFinishedSpans().filter((s) => s.name === name);
const ms = (s: ReadableSpan) => s.duration[0] * 1e3 + s.duration[1] / 1e6;

describe('tableTelemetryFeature (real @tanstack/table-core 9, 12k rows)', () => {
  it('times each row-model stage once, with ui.table.name and rows in/out; a memo hit records nothing', () => {
    const table = makeTable();
    expect(table.getRowModel().rows).toHaveLength(10); // first page
    expect(
      spans
        .getFinishedSpans()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['table.filter', 'table.paginate', 'table.row_model', 'table.sort']);
    expect(byName('table.row_model')[0]!.attributes).toEqual({
      'ui.operation': 'table.row_model',
      'ui.table.name': 'orders',
      'ui.table.rows_in': ROWS,
      'ui.table.rows_out': ROWS,
    });
    expect(byName('table.paginate')[0]!.attributes).toMatchObject({
      'ui.operation': 'table.paginate',
      'ui.table.rows_in': ROWS,
      'ui.table.rows_out': 10,
    });
    spans.reset();
    table.getRowModel();
    table.getRowModel();
    expect(spans.getFinishedSpans()).toEqual([]);
  });

  it('a state change opens table.state_change and the recomputation it triggers is its child', () => {
    const table = makeTable();
    table.getRowModel();
    spans.reset();
    table.setSorting([{ id: 'total', desc: true }]);
    expect(byName('table.state_change')).toHaveLength(0); // still waiting for the lazy recomputation
    const rows = table.getRowModel().rows;
    expect(rows[0]!.original.total).toBe(Math.max(...data.map((d) => d.total)));
    const [change] = byName('table.state_change');
    expect(change!.attributes).toEqual({
      'ui.operation': 'table.state_change',
      'ui.table.name': 'orders',
      'ui.table.state': 'sorting',
      'ui.table.recomputed': true,
    });
    const [sort] = byName('table.sort');
    expect(sort!.parentSpanContext?.spanId).toBe(change!.spanContext().spanId);
    expect(byName('table.paginate')[0]!.parentSpanContext?.spanId).toBe(change!.spanContext().spanId);
    // unchanged stages were memo hits: no filter or core spans
    expect(byName('table.filter')).toHaveLength(0);
    expect(byName('table.row_model')).toHaveLength(0);
    expect(ms(change!)).toBeGreaterThanOrEqual(ms(sort!));
  });

  it('column APIs go through the same handlers (column.toggleSorting), and renders are noted as caused by the change', () => {
    const table = makeTable();
    table.getRowModel();
    spans.reset();
    table.getColumn('customer').toggleSorting(false);
    const cause = causeContext(performance.now());
    table.getRowModel();
    const [change] = byName('table.state_change');
    expect(change).toBeDefined();
    expect(cause).toBeDefined();
  });

  it('a filter reports rows in and out', () => {
    const table = makeTable();
    table.getRowModel();
    spans.reset();
    table.setColumnFilters([{ id: 'customer', value: 'customer 99' }]);
    table.getRowModel();
    const [filter] = byName('table.filter');
    const expected = data.filter((d) => d.customer.includes('customer 99')).length;
    expect(filter!.attributes).toMatchObject({ 'ui.table.rows_in': ROWS, 'ui.table.rows_out': expected });
    expect(expected).toBeLessThan(ROWS);
  });

  it('row selection is a table.select span (no row model recomputes for it)', () => {
    const table = makeTable();
    table.getRowModel();
    spans.reset();
    table.setRowSelection({ '1': true, '2': true });
    const [select] = byName('table.select');
    expect(select!.attributes).toMatchObject({ 'ui.operation': 'table.select', 'ui.table.state': 'rowSelection' });
  });

  it('a state change that nobody reads ends after stateChangeTimeoutMs with ui.table.recomputed = false', async () => {
    inst.disable();
    inst = new TableInstrumentation({ stateChangeTimeoutMs: 30 });
    inst.setTracerProvider(tracerProvider);
    const table = makeTable();
    table.getRowModel();
    spans.reset();
    table.setSorting([{ id: 'id', desc: true }]);
    await new Promise((r) => setTimeout(r, 60));
    expect(byName('table.state_change')[0]!.attributes['ui.table.recomputed']).toBe(false);
  });

  it('records ui.table.operation.duration (s) by table and operation', async () => {
    const table = makeTable('metered');
    table.getRowModel();
    await reader.forceFlush();
    const points = dataPointsOf(metricExporter.getMetrics(), 'ui.table.operation.duration').filter(
      (p) => p.attributes['ui.table.name'] === 'metered',
    );
    expect(points.map((p) => p.attributes['ui.operation']).sort()).toEqual([
      'table.filter',
      'table.paginate',
      'table.row_model',
      'table.sort',
    ]);
  });

  it('disabled: the table works and nothing is recorded', () => {
    inst.disable();
    const table = makeTable();
    table.setSorting([{ id: 'total', desc: false }]);
    expect(table.getRowModel().rows[0]!.original.total).toBe(Math.min(...data.map((d) => d.total)));
    expect(spans.getFinishedSpans()).toEqual([]);
  });

  it('through register(): a sort budget of 0.001 ms is violated, a huge one is not', async () => {
    inst.disable();
    const exporter = new InMemorySpanExporter();
    const ft = register({
      serviceName: 'tables',
      endpoint: false,
      budgets: { 'table.sort': 0.001, 'table.paginate': 100_000 },
      exporters: { traces: [exporter] },
      instrumentations: [new TableInstrumentation()],
    });
    const table = makeTable();
    table.setSorting([{ id: 'total', desc: true }]);
    table.getRowModel();
    await ft.forceFlush();
    const sort = exporter.getFinishedSpans().find((s) => s.name === 'table.sort')!;
    expect(sort.attributes).toMatchObject({ 'ui.budget.exceeded': true, 'ui.budget.ms': 0.001 });
    expect(exporter.getFinishedSpans().find((s) => s.name === 'table.paginate')!.attributes['ui.budget.exceeded']).toBe(
      false,
    );
    expect(ft.stats.get('table.sort')?.violations).toBeGreaterThanOrEqual(1);
    await ft.shutdown();
  });

  it('rejects a missing table name', () => {
    expect(() => tableTelemetryFeature({ name: '' })).toThrow(FrametelConfigError);
  });
});
