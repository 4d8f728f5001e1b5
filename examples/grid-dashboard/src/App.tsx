import { RenderBoundary } from 'frametel/react';
import { columns, ordersTable, ROW_COUNT, setSlowSort, type GridRow } from './table';
import { filterText, groupByRegion, heavyPanel, pageIndex, selectedCount, slowSort, sortState, summary } from './state';
import { useSignalValue } from './use-signal';

function burnFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

function Controls() {
  const filter = useSignalValue(filterText);
  const slow = useSignalValue(slowSort);
  const heavy = useSignalValue(heavyPanel);
  const grouped = useSignalValue(groupByRegion);
  return (
    <div className="controls">
      <input
        type="search"
        placeholder="Filter orders…"
        aria-label="filter"
        value={filter}
        onChange={(e) => {
          filterText.value = e.target.value;
          pageIndex.value = 0;
        }}
      />
      <label>
        <input type="checkbox" checked={grouped} onChange={(e) => (groupByRegion.value = e.target.checked)} /> group by
        region
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="slow-sort"
          checked={slow}
          onChange={(e) => {
            setSlowSort(e.target.checked);
            slowSort.value = e.target.checked;
          }}
        />{' '}
        slow sort comparator
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="heavy"
          checked={heavy}
          onChange={(e) => (heavyPanel.value = e.target.checked)}
        />{' '}
        heavy component
      </label>
    </div>
  );
}

function Grid() {
  // Reading the signals subscribes the grid to every state the table depends on.
  useSignalValue(filterText);
  const sort = useSignalValue(sortState);
  const page = useSignalValue(pageIndex);
  useSignalValue(groupByRegion);
  useSignalValue(selectedCount);
  const rows = ordersTable.getRowModel().rows;
  const matching = ordersTable.getPrePaginatedRowModel().rows.length;
  const pages = Math.max(1, ordersTable.getPageCount());
  const toggleSort = (id: string) => {
    const next = sort?.id !== id ? { id, desc: false } : sort.desc ? null : { id, desc: true };
    sortState.value = next;
    pageIndex.value = 0;
  };
  return (
    <>
      <table className="grid">
        <thead>
          <tr>
            <th />
            {columns.map((c) => (
              <th key={c.accessorKey} data-testid={`sort-${c.accessorKey}`} onClick={() => toggleSort(c.accessorKey)}>
                {c.header}
                {sort?.id === c.accessorKey ? (sort.desc ? ' ▾' : ' ▴') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row: GridRow) => (
            <tr key={row.id} className={row.getIsSelected() ? 'selected' : undefined}>
              <td>
                {row.getIsGrouped() ? (
                  ''
                ) : (
                  <input
                    type="checkbox"
                    aria-label={`select ${row.id}`}
                    checked={row.getIsSelected()}
                    onChange={(e) => {
                      row.toggleSelected(e.target.checked);
                      selectedCount.value = ordersTable.getSelectedRowModel().rows.length;
                    }}
                  />
                )}
              </td>
              {row.getIsGrouped() ? (
                <td colSpan={columns.length}>{`${row.id.split(':').pop()} (${row.subRows.length} orders)`}</td>
              ) : (
                columns.map((c) => <td key={c.accessorKey}>{String(row.original[c.accessorKey])}</td>)
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={page === 0} onClick={() => (pageIndex.value = page - 1)}>
          ‹ prev
        </button>
        <span data-testid="page">
          page {page + 1} of {pages} · {matching} of {ROW_COUNT} orders
        </span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => (pageIndex.value = page + 1)}>
          next ›
        </button>
      </div>
    </>
  );
}

/** The deliberately heavy component: ~40 ms per render, over the 16 ms frame budget. */
function HeavyPanel() {
  // The overlay's Console panel shows this with the component being rendered (HeavyPanel).
  console.warn('HeavyPanel: this render burns 40 ms on purpose');
  burnFor(40);
  return <div className="heavy">Heavy panel: this render burns 40 ms.</div>;
}

export function App() {
  const info = useSignalValue(summary);
  const heavy = useSignalValue(heavyPanel);
  const selected = useSignalValue(selectedCount);
  return (
    <main>
      <h1>{info?.title ?? 'Orders'}</h1>
      <div className="kpis">
        <span>{ROW_COUNT} orders</span>
        <span>{selected} selected</span>
        <span>{info ? `regions: ${info.regions.join(', ')}` : 'loading summary…'}</span>
      </div>
      <RenderBoundary name="Controls">
        <Controls />
      </RenderBoundary>
      <RenderBoundary name="OrdersGrid">
        <Grid />
      </RenderBoundary>
      {heavy && (
        <RenderBoundary name="HeavyPanel">
          <HeavyPanel />
        </RenderBoundary>
      )}
    </main>
  );
}
