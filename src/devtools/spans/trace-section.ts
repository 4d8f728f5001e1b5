import { button, el, fmt, fmtBudget } from '../dom.js';
import type { OverlaySection, SectionContext } from '../sections/types.js';
import type { SpanBufferSource, SpanRecord } from './types.js';
import { waterfallRows } from './waterfall.js';

interface TraceView {
  traceId: string;
  highlight: string | undefined;
  spans: SpanRecord[];
}

/**
 * The trace waterfall: every buffered span of the opened trace as nested bars on the trace's
 * time axis, with operation, subject, duration and budget; spans over budget in red, the span
 * the view was opened for outlined, exceptions marked ⚠. Rows take focus (↑/↓ move, Escape
 * anywhere in the view closes); all text is inert. Rows and the close button carry a focus key so
 * the overlay's periodic repaint hands focus to their replacement instead of dropping it.
 */
export function traceSection(
  ctx: SectionContext,
  buffer: SpanBufferSource,
): { section: OverlaySection<TraceView>; open(traceId: string, spanId?: string): void } {
  let opened: { traceId: string; spanId: string | undefined } | undefined;
  let focusOnRender = false;
  let focusedSpanId: string | undefined; // the row a keyboard user is on, kept across repaints
  const close = () => {
    opened = undefined;
    focusedSpanId = undefined;
    ctx.refresh();
  };
  return {
    open(traceId, spanId) {
      opened = { traceId, spanId };
      focusOnRender = true;
      focusedSpanId = undefined;
      ctx.refresh();
    },
    section: {
      id: 'trace',
      title: 'Trace waterfall',
      collect: () =>
        opened ? { traceId: opened.traceId, highlight: opened.spanId, spans: buffer.trace(opened.traceId) } : null,
      render(view) {
        const box = el('div', 'waterfall');
        box.addEventListener('keydown', (e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          close();
        });
        const bar = el('div', 'wf-head');
        const closeButton = button('× close', close, 'wf-close');
        closeButton.setAttribute('aria-label', 'close the trace waterfall');
        closeButton.dataset.focusKey = 'trace:close';
        bar.append(el('span', 'muted', `trace ${view.traceId} · ${view.spans.length} spans`), closeButton);
        box.append(bar);
        const rows = waterfallRows(view.spans);
        if (rows.length === 0) {
          box.append(el('p', 'muted', 'no spans of this trace in the buffer (evicted, or not ended yet)'));
          return box;
        }
        const t0 = Math.min(...view.spans.map((s) => s.startMs));
        const t1 = Math.max(...view.spans.map((s) => s.startMs + s.durationMs));
        const table = el('table', 'waterfall');
        table.setAttribute('role', 'treegrid');
        table.setAttribute('aria-label', `trace ${view.traceId}`);
        const head = el('tr');
        for (const h of ['span', 'operation', 'subject', 'ms', 'budget', `0 – ${fmt(t1 - t0)} ms`])
          head.append(el('th', undefined, h));
        const thead = el('thead');
        thead.append(head);
        const tbody = el('tbody');
        let focusRow: HTMLTableRowElement | undefined;
        let current: HTMLTableRowElement | undefined;
        for (const r of rows) {
          const s = r.span;
          const classes = [
            s.exceeded ? 'over' : '',
            s.error ? 'error' : '',
            s.spanId === view.highlight ? 'breaking' : '',
          ]
            .filter(Boolean)
            .join(' ');
          const tr = el('tr', classes || undefined);
          tr.tabIndex = -1;
          tr.setAttribute('aria-level', String(r.depth + 1));
          tr.dataset.spanId = s.spanId;
          tr.dataset.focusKey = `trace:${s.spanId}`;
          tr.addEventListener('focus', () => {
            focusedSpanId = s.spanId;
          });
          const name = el('td', 'wf-name', `${s.exceptions.length ? '⚠ ' : ''}${s.name}`);
          name.style.paddingLeft = `${4 + r.depth * 12}px`;
          name.title = [s.name, ...s.exceptions].join('\n');
          const track = el('td', 'wf-track');
          const barEl = el('span', 'wf-bar');
          barEl.style.left = `${(r.offset * 100).toFixed(2)}%`;
          barEl.style.width = `${Math.max(0.5, r.width * 100).toFixed(2)}%`;
          track.append(barEl);
          track.title = `starts at ${fmt(s.startMs - t0)} ms, lasts ${fmt(s.durationMs)} ms`;
          tr.append(
            name,
            el('td', undefined, s.operation ?? ''),
            el('td', undefined, s.subject ?? ''),
            el('td', undefined, fmt(s.durationMs)),
            el('td', undefined, fmtBudget(s.budgetMs)),
            track,
          );
          tr.addEventListener('keydown', (e) => {
            const target =
              e.key === 'ArrowDown' ? tr.nextElementSibling : e.key === 'ArrowUp' ? tr.previousElementSibling : null;
            if (target instanceof HTMLElement) {
              e.preventDefault();
              target.focus();
            }
          });
          if (s.spanId === view.highlight || (!focusRow && s.exceeded)) focusRow = tr;
          if (s.spanId === focusedSpanId) current = tr;
          tbody.append(tr);
        }
        // One tab stop: the row last focused, else the breaking span, else the first row.
        (current ?? focusRow ?? (tbody.firstElementChild as HTMLTableRowElement)).tabIndex = 0;
        table.append(thead, tbody);
        box.append(table);
        if (focusOnRender) {
          focusOnRender = false;
          const target = focusRow ?? (tbody.firstElementChild as HTMLElement);
          queueMicrotask(() => target.focus());
        }
        return box;
      },
    },
  };
}
