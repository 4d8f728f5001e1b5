import type { BudgetViolation } from '../budgets/types.js';
import type { Frametel } from '../handle.js';
import type { ComponentRenderStats } from '../instrumentations/react/types.js';
import { OVERLAY_CSS } from './overlay-style.js';
import { healthInputs, healthScore } from './health.js';

/** Optional data sources, found by shape so the overlay imports no instrumentation code. */
export interface OverlaySources {
  /** e.g. a PreactSignalsInstrumentation: `topSignals(n)` → most-updated signals. */
  signals?: { topSignals(n: number): Array<{ name: string; updates: number }> };
  /** A network instrumentation: `recentRequests(n)`. */
  network?: { recentRequests(n: number): Array<{ method: string; url: string; status: number; durationMs: number }> };
}

export interface OverlayOptions extends OverlaySources {
  /** Key combination that shows/hides the panel. Default 'Alt+Shift+F'. */
  hotkey?: string;
  /** Refresh period while visible, ms (at least 100). Default 250. */
  refreshMs?: number;
  /** Violations kept in the list. Default 20. */
  maxViolations?: number;
  /** Where the panel's host element goes. Default document.body. */
  container?: HTMLElement;
  /** Start hidden (the hotkey shows it). Default false. */
  hidden?: boolean;
}

export interface OverlayHandle {
  readonly host: HTMLElement;
  toggle(visible?: boolean): void;
  /** Removes the panel, its listeners and its timer. */
  unmount(): void;
}

type Row = Record<string, string | number>;
const COLUMNS = ['operation', 'count', 'p50', 'p95', 'p99', 'budget', 'violations'] as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text; // always text: names come from the app
  return e;
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

function matchesHotkey(e: KeyboardEvent, hotkey: string): boolean {
  const parts = hotkey.toLowerCase().split('+');
  const key = parts.pop();
  return e.key.toLowerCase() === key && e.altKey === parts.includes('alt') && e.shiftKey === parts.includes('shift') && e.ctrlKey === parts.includes('ctrl') && e.metaKey === parts.includes('meta');
}

/**
 * Mounts frametel's in-page performance panel in a shadow root, fed by the handle (no network):
 * health score, the operation table (sortable), the last violations with trace ids, slowest
 * components and top re-renderers, most-updated signals and recent requests when their sources
 * are given. Costs nothing until mounted; all text is inserted as text.
 */
export function mountOverlay(ft: Frametel, options: OverlayOptions = {}): OverlayHandle {
  const refreshMs = Math.max(100, options.refreshMs ?? 250);
  const maxViolations = options.maxViolations ?? 20;
  const hotkey = options.hotkey ?? 'Alt+Shift+F';
  const host = el('div');
  host.setAttribute('data-frametel-overlay', '');
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style');
  style.textContent = OVERLAY_CSS;
  const panel = el('section', 'panel');
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', 'frametel performance overlay');
  root.append(style, panel);

  const violations: BudgetViolation[] = [];
  const onViolation = (v: BudgetViolation) => {
    violations.unshift(v);
    if (violations.length > maxViolations) violations.length = maxViolations;
  };
  ft.on('budgetViolation', onViolation);

  let sortKey: (typeof COLUMNS)[number] = 'p95';
  let sortDesc = true;
  let visible = !options.hidden;
  let timer: ReturnType<typeof setInterval> | undefined;

  const section = (title: string, body: HTMLElement) => {
    const s = el('div', 'section');
    s.append(el('h3', undefined, title), body);
    return s;
  };

  const list = (items: string[], empty: string) => {
    const ul = el('ul');
    if (items.length === 0) ul.append(el('li', 'muted', empty));
    for (const item of items) ul.append(el('li', undefined, item));
    return ul;
  };

  function operationTable(rows: Row[]): HTMLElement {
    const table = el('table');
    const head = el('tr');
    for (const c of COLUMNS) {
      const th = el('th', c === sortKey ? 'sorted' : undefined, c + (c === sortKey ? (sortDesc ? ' ▾' : ' ▴') : ''));
      th.addEventListener('click', () => {
        sortDesc = c === sortKey ? !sortDesc : c !== 'operation';
        sortKey = c;
        render();
      });
      head.append(th);
    }
    table.append(el('thead'), el('tbody'));
    table.tHead!.append(head);
    const sorted = [...rows].sort((a, b) => {
      const x = a[sortKey]!;
      const y = b[sortKey]!;
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sortDesc ? -cmp : cmp;
    });
    for (const r of sorted) {
      const tr = el('tr', Number(r.violations) > 0 ? 'bad' : undefined);
      for (const c of COLUMNS) tr.append(el('td', undefined, typeof r[c] === 'number' && c !== 'count' && c !== 'violations' ? fmt(r[c] as number) : String(r[c])));
      table.tBodies[0]!.append(tr);
    }
    return table;
  }

  function render(): void {
    try {
      const ops = ft.stats.all().map((m) => ({ ...m, budgetMs: ft.budgets.operationBudget(m.operation)?.budgetMs ?? null }));
      const score = healthScore(healthInputs(ops, ft.diagnostics()));
      const header = el('header');
      const badge = el('span', `score ${score >= 80 ? 'good' : score >= 50 ? 'warn' : 'bad'}`, String(score));
      badge.title = 'health 0–100: 100 − 50·violation rate − 30·p95 over budget − 20·export failure rate';
      header.append(el('strong', undefined, 'frametel'), badge, el('span', 'muted', `${hotkey} to hide`));
      const rows: Row[] = ops.map((o) => ({ operation: o.operation, count: o.count, p50: o.p50, p95: o.p95, p99: o.p99, budget: o.budgetMs ?? '–', violations: o.violations }));
      const parts: HTMLElement[] = [header, section('Operations', operationTable(rows))];
      parts.push(section('Last violations', list(violations.map((v) => `${v.operation}${v.subject ? ` (${v.subject})` : ''}: ${fmt(v.actual)} ms > ${v.budget} ms · ${v.severity} · trace ${v.traceId}`), 'none yet')));
      const components = (f: (n: number) => ComponentRenderStats[], what: (c: ComponentRenderStats) => string) => f.call(ft, 5).map((c) => `${c.name}: ${what(c)}`);
      parts.push(section('Slowest components', list(components(ft.slowestComponents, (c) => `avg ${fmt(c.avgMs)} ms, max ${fmt(c.maxMs)} ms`), 'no RenderBoundary commits yet')));
      parts.push(section('Top re-renders', list(components(ft.topRerenders, (c) => `${c.rerenders} re-renders`), 'none')));
      if (options.signals) parts.push(section('Most-updated signals', list(options.signals.topSignals(5).map((s) => `${s.name}: ${s.updates} writes`), 'none')));
      if (options.network) parts.push(section('Recent requests', list(options.network.recentRequests(5).map((r) => `${r.method} ${r.url} → ${r.status} in ${fmt(r.durationMs)} ms`), 'none')));
      panel.replaceChildren(...parts);
    } catch (error) {
      panel.replaceChildren(el('p', 'muted', `frametel overlay: ${String(error)}`));
    }
  }

  function setVisible(v: boolean): void {
    visible = v;
    panel.hidden = !v;
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    if (v) {
      render();
      timer = setInterval(render, refreshMs);
    }
  }

  const onKey = (e: KeyboardEvent) => {
    if (matchesHotkey(e, hotkey)) setVisible(!visible);
  };
  document.addEventListener('keydown', onKey);
  (options.container ?? document.body).append(host);
  setVisible(visible);

  return {
    host,
    toggle: (v = !visible) => setVisible(v),
    unmount() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      document.removeEventListener('keydown', onKey);
      ft.off('budgetViolation', onViolation);
      host.remove();
    },
  };
}
