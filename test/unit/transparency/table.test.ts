import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  columnFilteringFeature,
  constructTable,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/table-core';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import {
  createTable,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type TableState,
  type Updater,
} from 'table-core-v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  instrumentTable,
  TableInstrumentation,
  tableTelemetryFeature,
} from '../../../src/instrumentations/table/index.js';

/**
 * The table instrumentations are invisible to TanStack Table: the same slice of its documented
 * behaviour (stage evaluation order, results, errors and their messages, enumeration) observed
 * bare and instrumented gives the same observations.
 */
interface Order {
  id: number;
  customer: string;
  total: number;
}
const data: Order[] = Array.from({ length: 60 }, (_, i) => ({
  id: i,
  customer: `customer ${(i * 7) % 13}`,
  total: (i * 37) % 101,
}));
const columns = [
  { accessorKey: 'id', header: 'Id' },
  { accessorKey: 'customer', header: 'Customer', filterFn: 'includesString' },
  { accessorKey: 'total', header: 'Total', sortFn: 'basic' },
];

type Log = string[];
/** A row-model factory that logs when the library enters and leaves the stage's own function. */
function logged<F extends (table: never) => () => unknown>(
  name: string,
  factory: F,
  log: Log,
  fail?: () => boolean,
): F {
  return ((table: never) => {
    const fn = factory(table);
    return () => {
      log.push(`${name}:start`);
      if (fail?.()) throw new RangeError(`${name} stage failed`);
      const result = fn();
      log.push(`${name}:end`);
      return result;
    };
  }) as F;
}

function v9Table(log: Log, instrumented: boolean, fail?: () => boolean) {
  const features = tableFeatures({
    coreReactivityFeature: storeReactivityBindings(),
    columnFilteringFeature,
    rowSortingFeature,
    rowPaginationFeature,
    filteredRowModel: logged('filtered', createFilteredRowModel(), log),
    sortedRowModel: logged('sorted', createSortedRowModel(), log, fail),
    paginatedRowModel: logged('paginated', createPaginatedRowModel(), log),
    filterFns: { includesString: filterFn_includesString },
    sortFns: { basic: sortFn_basic },
    ...(instrumented ? { tableTelemetry: tableTelemetryFeature({ name: 'orders' }) } : {}),
  } as never);
  return constructTable({ features, columns, data, getRowId: (r: Order) => String(r.id) } as never) as unknown as {
    getRowModel(): { rows: Array<{ id: string }> };
    getSortedRowModel(): { rows: Array<{ id: string }> };
    getFilteredRowModel(): { rows: Array<{ id: string }> };
    setSorting(s: unknown): void;
    setColumnFilters(f: unknown): void;
  };
}

const ids = (m: { rows: Array<{ id: string }> }) => m.rows.map((r) => r.id).join(',');
function attempt(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

/** What the v9 table does for a fixed script of reads and state changes. */
function observeV9(instrumented: boolean) {
  const log: Log = [];
  let failing = false;
  const table = v9Table(log, instrumented, () => failing);
  const out: Record<string, unknown> = {};
  // The order TanStack documents for worker row models: a downstream read first.
  table.getSortedRowModel();
  table.getFilteredRowModel();
  out.firstReads = [...log];
  log.length = 0;
  out.page = ids(table.getRowModel());
  out.pageLog = [...log];
  log.length = 0;
  table.setSorting([{ id: 'total', desc: true }]);
  out.sortedPage = ids(table.getRowModel());
  out.sortLog = [...log];
  log.length = 0;
  table.setColumnFilters([{ id: 'customer', value: 'customer 3' }]);
  out.filtered = ids(table.getRowModel());
  out.filterLog = [...log];
  out.keys = Object.keys(table).sort();
  failing = true;
  table.setSorting([{ id: 'total', desc: false }]);
  out.error = attempt(() => table.getRowModel());
  return out;
}

function v8Table() {
  let state = {} as TableState;
  const table = createTable<Order>({
    data,
    columns: [{ accessorKey: 'id' }, { accessorKey: 'total' }],
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    state,
    onStateChange: (updater: Updater<TableState>) => {
      state = typeof updater === 'function' ? updater(state) : updater;
      table.setOptions((prev) => ({ ...prev, state }));
    },
    renderFallbackValue: null,
  });
  state = table.initialState;
  table.setOptions((prev) => ({ ...prev, state }));
  return table;
}

/** What the v8 table does; its stages are logged by wrapping the slots TanStack fills lazily. */
function observeV8(instrumented: boolean) {
  const table = v8Table();
  const log: Log = [];
  const slots = ['_getFilteredRowModel', '_getSortedRowModel', '_getPaginationRowModel'] as const;
  // Fill the slots the way the library does on first read, then log around them.
  table.getRowModel();
  for (const slot of slots) {
    const fn = (table as unknown as Record<string, () => unknown>)[slot]!;
    (table as unknown as Record<string, () => unknown>)[slot] = () => {
      log.push(`${slot}:start`);
      const r = fn();
      log.push(`${slot}:end`);
      return r;
    };
  }
  const undo = instrumented ? instrumentTable(table, { name: 'v8' }) : () => {};
  const out: Record<string, unknown> = {};
  table.setSorting([{ id: 'total', desc: true }]);
  out.page = table
    .getRowModel()
    .rows.map((r) => r.id)
    .join(',');
  out.log = [...log];
  out.keys = Object.keys(table).sort();
  out.badColumn = attempt(() => table.setSorting([{ id: 'nope', desc: true }]));
  out.afterBad = attempt(() => table.getRowModel());
  undo();
  out.keysAfterUndo = Object.keys(table).sort();
  return out;
}

const spans = new InMemorySpanExporter();
let inst: TableInstrumentation;
beforeEach(() => {
  inst = new TableInstrumentation();
  inst.setTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
  spans.reset();
});
afterEach(() => inst.disable());

describe('TanStack Table v9 tableTelemetryFeature is invisible to the table', () => {
  it('stages start in the library order (downstream first, pulling its input) and results, keys, errors match', () => {
    const bare = observeV9(false);
    const traced = observeV9(true);
    // The library enters the downstream stage first; it pulls its input from inside.
    expect((bare.firstReads as Log).slice(0, 2)).toEqual(['sorted:start', 'filtered:start']);
    expect(traced).toEqual(bare);
    expect(bare.error).toBe('RangeError: sorted stage failed');
    // …and it did observe: the stages were timed with rows in/out from what the library computed.
    const sort = spans.getFinishedSpans().find((s) => s.name === 'table.sort');
    expect(sort?.attributes).toMatchObject({ 'ui.table.rows_in': data.length, 'ui.table.rows_out': data.length });
    const filter = spans.getFinishedSpans().filter((s) => s.name === 'table.filter');
    expect(filter.at(-1)?.attributes).toMatchObject({ 'ui.table.rows_in': data.length });
    expect(filter.at(-1)?.attributes['ui.table.rows_out']).toBeLessThan(data.length);
  });
});

describe('TanStack Table v8 instrumentTable is invisible to the table', () => {
  it('same stage order, page, enumeration and errors bare and instrumented; undo leaves the same keys', () => {
    const bare = observeV8(false);
    const traced = observeV8(true);
    expect((bare.log as Log).slice(0, 3)).toEqual([
      '_getPaginationRowModel:start',
      '_getSortedRowModel:start',
      '_getFilteredRowModel:start',
    ]);
    expect(traced).toEqual(bare);
    expect(spans.getFinishedSpans().some((s) => s.name === 'table.sort')).toBe(true);
  });
});
