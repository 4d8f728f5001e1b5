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
/** The deliberately slow control: a costly comparator makes table.sort break its 50 ms budget. */
export function setSlowSort(on: boolean): void {
  slow = on;
}

/** Kept so the optimiser cannot drop burn()'s loop as dead code (Chromium did: the "slow" sort was not slow). */
export let burnt = 0;
function burn(): number {
  let x = 0;
  for (let i = 0; i < 400; i++) x += Math.sqrt(i * 1.0001);
  return x;
}

const compare = (a: { getValue(id: string): unknown }, b: { getValue(id: string): unknown }, columnId: string) => {
  if (slow) burnt += burn();
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

export const ordersTable = constructTable({
  features,
  columns,
  data: generateOrders(ROW_COUNT),
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
