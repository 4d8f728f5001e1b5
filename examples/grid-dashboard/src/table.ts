import {
  columnFilteringFeature,
  columnGroupingFeature,
  constructTable,
  createFilteredRowModel,
  createGroupedRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  tableFeatures,
} from '@tanstack/table-core';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { tableTelemetryFeature } from 'frametel/table';
import { generateOrders, type Order } from './data';

export const ROW_COUNT = 20_000;
let slow = false;
/** The deliberately slow control: a comparator with costly set-up makes table.sort break its 50 ms budget. */
export function setSlowSort(on: boolean): void {
  slow = on;
}

/** What the slow comparator costs per sort: set-up work (think a collator built per sort), in ms. */
export const SLOW_SORT_SETUP_MS = 120;
let setUpThisSort = false;

function burnFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const compare = (a: { getValue(id: string): unknown }, b: { getValue(id: string): unknown }, columnId: string) => {
  if (slow && !setUpThisSort) {
    // Once per sort (one synchronous run), however many rows: the demo's slow sort is slow on any data.
    setUpThisSort = true;
    burnFor(SLOW_SORT_SETUP_MS);
    queueMicrotask(() => {
      setUpThisSort = false;
    });
  }
  const x = a.getValue(columnId) as number | string;
  const y = b.getValue(columnId) as number | string;
  return x < y ? -1 : x > y ? 1 : 0;
};

const features = tableFeatures({
  coreReactivityFeature: storeReactivityBindings(),
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  columnGroupingFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  filteredRowModel: createFilteredRowModel(),
  groupedRowModel: createGroupedRowModel(),
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  filterFns: { includesString: filterFn_includesString },
  sortFns: { alphanumeric: sortFn_alphanumeric, compare },
  tableTelemetry: tableTelemetryFeature({ name: 'orders' }),
} as never);

export const columns = [
  { accessorKey: 'id', header: 'Id', sortFn: 'compare' },
  { accessorKey: 'customer', header: 'Customer', sortFn: 'compare' },
  { accessorKey: 'region', header: 'Region', sortFn: 'compare' },
  { accessorKey: 'status', header: 'Status', sortFn: 'compare' },
  { accessorKey: 'total', header: 'Total', sortFn: 'compare' },
] as const;

// The app's own User Timing: MeasureInstrumentation turns this measure into a `measure orders.generate` span.
const generating = performance.now();
const orders = generateOrders(ROW_COUNT);
performance.measure('orders.generate', { start: generating });

export const ordersTable = constructTable({
  features,
  columns,
  data: orders,
  getRowId: (row: Order) => String(row.id),
  globalFilterFn: 'includesString',
  initialState: { pagination: { pageIndex: 0, pageSize: 25 } },
} as never) as unknown as OrdersTable;

export interface GridRow {
  id: string;
  original: Order;
  subRows: GridRow[];
  getIsGrouped(): boolean;
  getIsSelected(): boolean;
  toggleSelected(value?: boolean): void;
}
export interface OrdersTable {
  getRowModel(): { rows: GridRow[] };
  getPrePaginatedRowModel(): { rows: GridRow[] };
  getPageCount(): number;
  getSelectedRowModel(): { rows: GridRow[] };
  setGlobalFilter(v: string): void;
  setSorting(s: unknown): void;
  setPageIndex(i: number): void;
  setGrouping(g: string[]): void;
}
