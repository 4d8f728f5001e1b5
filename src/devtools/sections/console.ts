import { el } from '../dom.js';
import type { OverlaySection, SectionContext } from './types.js';

/** e.g. an ErrorInstrumentation with `captureConsole: true`. */
export interface ConsoleSource {
  recentConsole(n: number): Array<{
    level: string;
    message: string;
    time: number;
    component?: string;
    operation?: string;
    traceId?: string;
    spanId?: string;
  }>;
}

/** Entries the console panel reads each refresh (it filters among them). */
const CONSOLE_WINDOW = 100;

type Entry = ReturnType<ConsoleSource['recentConsole']>[number];
interface ConsoleView {
  filter: string;
  choices: string[];
  entries: Entry[];
}

/**
 * "Console": console.error/warn calls with the component being rendered (or the active span's)
 * and the operation running, newest first; filtered by component or operation with a select;
 * an entry made inside a span opens its trace.
 */
export function consoleSection(ctx: SectionContext, source: ConsoleSource): OverlaySection<ConsoleView> {
  let filter = '';
  return {
    id: 'console',
    title: 'Console',
    collect: () => {
      const all = source.recentConsole(CONSOLE_WINDOW);
      const choices = [
        ...new Set([
          ...all.flatMap((e) => (e.component ? [`component: ${e.component}`] : [])),
          ...all.flatMap((e) => (e.operation ? [`operation: ${e.operation}`] : [])),
        ]),
      ].sort();
      const entries = all
        .filter(
          (e) =>
            !filter || filter === `component: ${e.component ?? ''}` || filter === `operation: ${e.operation ?? ''}`,
        )
        .slice(0, ctx.listSize * 2);
      return { filter, choices, entries };
    },
    render(view) {
      const box = el('div');
      const select = el('select', 'console-filter');
      select.setAttribute('aria-label', 'console entries of one component or operation');
      for (const choice of ['', ...view.choices]) {
        const option = el('option', undefined, choice || 'all components and operations');
        option.value = choice;
        option.selected = choice === view.filter;
        select.append(option);
      }
      select.addEventListener('change', () => {
        filter = select.value;
        ctx.refresh();
      });
      box.append(select);
      const ul = el('ul', 'console');
      if (view.entries.length === 0) ul.append(el('li', 'muted', 'no console.error / console.warn calls captured'));
      for (const e of view.entries) {
        const context = [e.component, e.operation].filter(Boolean).join(' · ');
        const li = el('li', `level-${e.level}`);
        li.append(
          el('span', 'level', e.level),
          el('span', 'where', context ? ` [${context}] ` : ' '),
          el('span', 'message', e.message),
        );
        li.title = `${new Date(e.time).toLocaleTimeString()}${e.traceId ? ` · trace ${e.traceId}` : ''}\n${e.message}`;
        if (e.traceId) {
          const traceId = e.traceId;
          li.classList.add('openable');
          li.tabIndex = 0;
          li.addEventListener('click', () => ctx.openTrace(traceId, e.spanId));
          li.addEventListener('keydown', (k) => {
            if (k.key === 'Enter') ctx.openTrace(traceId, e.spanId);
          });
        }
        ul.append(li);
      }
      box.append(ul);
      return box;
    },
  };
}
