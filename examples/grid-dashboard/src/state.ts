import { effect, signal } from '@preact/signals-core';
import type { ColumnSort } from '@tanstack/table-core';
import { ordersTable } from './table';

// App state lives in Preact signals; effects push it into the TanStack table. Created after the
// frametel bootstrap (telemetry.ts) so the signals instrumentation sees every signal.
export const filterText = signal('', { name: 'grid.filter' });
export const sortState = signal<ColumnSort | null>(null, { name: 'grid.sort' });
export const pageIndex = signal(0, { name: 'grid.page' });
export const groupByRegion = signal(false, { name: 'grid.group' });
export const slowSort = signal(false, { name: 'controls.slow_sort' });
export const heavyPanel = signal(false, { name: 'controls.heavy' });
export const selectedCount = signal(0, { name: 'grid.selected' });
export const summary = signal<{ title: string; currency: string; regions: string[] } | null>(null, {
  name: 'api.summary',
});

effect(
  () => {
    ordersTable.setGlobalFilter(filterText.value);
  },
  { name: 'sync filter' },
);
effect(
  () => {
    const s = sortState.value;
    ordersTable.setSorting(s ? [s] : []);
  },
  { name: 'sync sort' },
);
effect(
  () => {
    ordersTable.setPageIndex(pageIndex.value);
  },
  { name: 'sync page' },
);
effect(
  () => {
    ordersTable.setGrouping(groupByRegion.value ? ['region'] : []);
  },
  { name: 'sync grouping' },
);
