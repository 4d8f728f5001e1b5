import type { BudgetViolation } from '../../budgets/types.js';
import { el, fmt, fmtBudget, safeHref } from '../dom.js';
import type { OverlaySection, SectionContext } from './types.js';

export interface ViolationsOptions {
  maxViolations: number;
  traceUrl: ((traceId: string) => string) | undefined;
  /** Whether a span buffer is there, so that a row can open its trace in the overlay. */
  canOpenTrace: () => boolean;
}

/**
 * The last violations, newest first, with their trace ids (links through `traceUrl`). With a span
 * buffer, a row opens its trace (click, Enter or Space).
 */
export function violationsSection(ctx: SectionContext, o: ViolationsOptions): OverlaySection<BudgetViolation[]> {
  const violations: BudgetViolation[] = [];
  const onViolation = (v: BudgetViolation) => {
    violations.unshift(v);
    if (violations.length > o.maxViolations) violations.length = o.maxViolations;
  };
  ctx.ft.on('budgetViolation', onViolation);

  /** The link for a trace id; a throwing or odd traceUrl only loses the link, not the row. */
  const link = (traceId: string): string | undefined => {
    if (!o.traceUrl) return undefined;
    try {
      return safeHref(String(o.traceUrl(traceId)));
    } catch {
      return undefined;
    }
  };

  return {
    id: 'violations',
    title: 'Last violations',
    collect: () => [...violations],
    render(list) {
      if (list.length === 0) return el('p', 'muted', 'none yet');
      const openable = o.canOpenTrace();
      const table = el('table', 'violations');
      const head = el('tr');
      for (const h of ['operation (subject)', 'ms', 'budget', 'trace id']) head.append(el('th', undefined, h));
      const thead = el('thead');
      thead.append(head);
      const tbody = el('tbody');
      for (const v of list) {
        const tr = el('tr', v.severity);
        const what = `${v.operation}${v.subject ? ` (${v.subject})` : ''}`;
        const name = el('td', undefined, what);
        name.title = what;
        const trace = el('td', 'trace');
        const href = link(v.traceId);
        if (href) {
          const a = el('a', undefined, v.traceId);
          a.href = href;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          trace.append(a);
        } else trace.textContent = v.traceId;
        tr.append(name, el('td', undefined, fmt(v.actual)), el('td', undefined, fmtBudget(v.budget)), trace);
        tr.title = `${v.severity} · ${v.impact} · ${new Date(v.timestamp).toLocaleTimeString()} · span ${v.spanId}`;
        if (openable) {
          tr.classList.add('openable');
          tr.tabIndex = 0;
          tr.setAttribute('role', 'button');
          tr.setAttribute('aria-label', `open the trace of ${what}`);
          const open = (e: Event) => {
            if ((e.target as Element | null)?.closest?.('a')) return; // the Jaeger link keeps its own job
            ctx.openTrace(v.traceId, v.spanId);
          };
          tr.addEventListener('click', open);
          tr.addEventListener('keydown', (e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              open(e);
            }
          });
        }
        tbody.append(tr);
      }
      table.append(thead, tbody);
      return table;
    },
    dispose: () => ctx.ft.off('budgetViolation', onViolation),
  };
}
