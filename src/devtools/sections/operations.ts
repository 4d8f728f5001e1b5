import { el, fmt, fmtBudget } from '../dom.js';
import type { OverlaySection, SectionContext } from './types.js';

const COLUMNS = ['operation', 'count', 'p50', 'p95', 'p99', 'max', 'budget', 'violations'] as const;
type Column = (typeof COLUMNS)[number];
export type OpRow = {
  [K in Column]: K extends 'operation' ? string : K extends 'budget' ? number | null : number;
};

/** The operation table from `ft.stats`, sortable by clicking a header (which flips the direction). */
export function operationsSection(ctx: SectionContext): OverlaySection<{ rows: OpRow[]; key: Column; desc: boolean }> {
  let sortKey: Column = 'p95';
  let sortDesc = true;
  return {
    id: 'operations',
    title: 'Operations',
    collect: () => ({
      key: sortKey,
      desc: sortDesc,
      rows: ctx.operations().map((m) => ({
        operation: m.operation,
        count: m.count,
        p50: m.p50,
        p95: m.p95,
        p99: m.p99,
        max: m.maxTime,
        budget: ctx.ft.budgets.operationBudget(m.operation)?.budgetMs ?? null,
        violations: m.violations,
      })),
    }),
    render({ rows }) {
      if (rows.length === 0) return el('p', 'muted', 'no operations yet');
      const table = el('table', 'ops');
      const head = el('tr');
      for (const c of COLUMNS) {
        const th = el('th', c === sortKey ? 'sorted' : undefined, c + (c === sortKey ? (sortDesc ? ' ▾' : ' ▴') : ''));
        th.setAttribute('aria-sort', c === sortKey ? (sortDesc ? 'descending' : 'ascending') : 'none');
        th.addEventListener('click', () => {
          sortDesc = c === sortKey ? !sortDesc : c !== 'operation';
          sortKey = c;
          ctx.refresh();
        });
        head.append(th);
      }
      const thead = el('thead');
      thead.append(head);
      const tbody = el('tbody');
      const value = (r: OpRow, c: Column) => (c === 'budget' ? (r.budget ?? -1) : r[c]);
      const sorted = [...rows].sort((a, b) => {
        const x = value(a, sortKey);
        const y = value(b, sortKey);
        const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return sortDesc ? -cmp : cmp;
      });
      for (const r of sorted) {
        const tr = el('tr', r.violations > 0 ? 'bad' : undefined);
        for (const c of COLUMNS) {
          const text =
            c === 'operation'
              ? r.operation
              : c === 'count' || c === 'violations'
                ? String(r[c])
                : c === 'budget'
                  ? fmtBudget(r.budget)
                  : fmt(r[c]);
          const over = (c === 'p95' || c === 'max') && r.budget !== null && r[c] > r.budget;
          const td = el('td', over ? 'over' : undefined, text);
          if (c === 'operation') td.title = r.operation;
          tr.append(td);
        }
        tbody.append(tr);
      }
      table.append(thead, tbody);
      return table;
    },
  };
}
