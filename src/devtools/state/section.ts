import { el } from '../dom.js';
import { watchTable, type TableLike } from '../replay/targets.js';
import type { OverlaySection, SectionContext } from '../sections/types.js';
import { diffLines, type DiffInput } from './diff.js';

/** e.g. a signals instrumentation with `recordValues: true`. */
export interface ValueChangeSource {
  recentValueChanges(n: number): Array<{ name: string; time: number; previous: DiffInput; next: DiffInput }>;
}

/** Table state changes kept for the diff (each slice change is one). */
const MAX_TABLE_CHANGES = 50;

interface ChangeView {
  name: string;
  time: number;
  lines: string[];
}

/**
 * "State changes": the latest signal writes (from a source with `recentValueChanges`, i.e. a
 * signals instrumentation with `recordValues: true`) and table state changes (sorting, filters,
 * pagination, selection… of the given TanStack Table v9 tables), newest first, each as a readable
 * diff of its previous and next value.
 */
export function stateSection(
  ctx: SectionContext,
  values: ValueChangeSource | undefined,
  tables: Record<string, TableLike>,
  /** Show the section before any change (a source or tables were given explicitly). */
  always: boolean,
): OverlaySection<ChangeView[]> {
  const tableChanges: Array<{ name: string; time: number; previous: DiffInput; next: DiffInput }> = [];
  const undo: Array<() => void> = [];
  for (const [name, table] of Object.entries(tables)) {
    const state = () => table.store.state as Record<string, unknown>;
    let last = structuredClone(state());
    undo.push(
      watchTable(table, (slice, value) => {
        const next = structuredClone(value);
        tableChanges.push({
          name: `${name}.${slice}`,
          time: Date.now(),
          previous: { value: last[slice] },
          next: { value: next },
        });
        if (tableChanges.length > MAX_TABLE_CHANGES) tableChanges.shift();
        last = { ...last, [slice]: next };
      }),
    );
  }
  return {
    id: 'state',
    title: 'State changes',
    collect: () => {
      const all = [...(values?.recentValueChanges(ctx.listSize) ?? []), ...tableChanges.slice(-ctx.listSize)];
      if (all.length === 0 && !always) return null; // e.g. a signals instrumentation without recordValues
      return all
        .sort((a, b) => b.time - a.time)
        .slice(0, ctx.listSize)
        .map((c) => ({ name: c.name, time: c.time, lines: diffLines(c.previous, c.next) }));
    },
    render(changes) {
      if (changes.length === 0) return el('p', 'muted', 'no changes yet');
      const box = el('div', 'diffs');
      for (const c of changes) {
        const item = el('div', 'diff');
        item.append(
          el('strong', undefined, c.name),
          el('span', 'muted', ` · ${new Date(c.time).toLocaleTimeString()}`),
        );
        const ul = el('ul');
        for (const line of c.lines)
          ul.append(el('li', line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : undefined, line));
        item.append(ul);
        box.append(item);
      }
      return box;
    },
    dispose: () => {
      for (const u of undo) u();
    },
  };
}
