import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  createTable,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type TableState,
  type Updater,
} from 'table-core-v8';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FrametelConfigError } from '../../../src/index.js';
import { instrumentTable, TableInstrumentation } from '../../../src/instrumentations/table/index.js';

interface Order {
  id: number;
  total: number;
}
const data: Order[] = Array.from({ length: 10_000 }, (_, i) => ({ id: i, total: (i * 104_729) % 10_007 }));

function makeV8Table() {
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

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
let inst: TableInstrumentation;
beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
beforeEach(() => {
  inst = new TableInstrumentation();
  inst.setTracerProvider(tracerProvider);
  spans.reset();
});
afterEach(() => inst.disable());

const names = () =>
  spans
    .getFinishedSpans()
    .map((s) => s.name)
    .sort();

describe('instrumentTable (real @tanstack/table-core 8.21, 10k rows)', () => {
  it('times real recomputations per stage, memo hits record nothing, state changes parent the recomputation', () => {
    const table = makeV8Table();
    const undo = instrumentTable(table, { name: 'legacy' });
    expect(table.getRowModel().rows).toHaveLength(10);
    expect(names()).toEqual(['table.filter', 'table.paginate', 'table.row_model', 'table.sort']);
    spans.reset();
    table.getRowModel();
    expect(spans.getFinishedSpans()).toEqual([]);
    table.setSorting([{ id: 'total', desc: true }]);
    expect(table.getRowModel().rows[0]!.original.total).toBe(Math.max(...data.map((d) => d.total)));
    const change = spans.getFinishedSpans().find((s) => s.name === 'table.state_change')!;
    const sort = spans.getFinishedSpans().find((s) => s.name === 'table.sort')!;
    expect(change.attributes).toMatchObject({
      'ui.table.name': 'legacy',
      'ui.table.state': 'sorting',
      'ui.table.recomputed': true,
    });
    expect(sort.parentSpanContext?.spanId).toBe(change.spanContext().spanId);
    expect(sort.attributes).toMatchObject({
      'ui.operation': 'table.sort',
      'ui.table.rows_in': 10_000,
      'ui.table.rows_out': 10_000,
    });
    undo();
  });

  it('the undo function restores the table: its row-model functions and state handlers are the originals again', () => {
    const table = makeV8Table();
    table.getRowModel();
    const before = {
      sorted: (table as unknown as Record<string, unknown>)._getSortedRowModel,
      onSortingChange: table.options.onSortingChange,
    };
    const undo = instrumentTable(table, { name: 'legacy' });
    table.getRowModel();
    expect((table as unknown as Record<string, unknown>)._getSortedRowModel).not.toBe(before.sorted);
    undo();
    expect((table as unknown as Record<string, unknown>)._getSortedRowModel).toBe(before.sorted);
    expect(table.options.onSortingChange).toBe(before.onSortingChange);
    spans.reset();
    table.setSorting([{ id: 'id', desc: true }]);
    table.getRowModel();
    expect(spans.getFinishedSpans()).toEqual([]);
  });

  it('rejects what is not a v8 table, and a missing name', () => {
    expect(() => instrumentTable({}, { name: 'x' })).toThrow(FrametelConfigError);
    expect(() => instrumentTable(makeV8Table(), { name: '' })).toThrow(/name: expected a non-empty table name/);
  });
});
