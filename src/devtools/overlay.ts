import type { BudgetViolation } from '../budgets/types.js';
import type { Frametel } from '../handle.js';
import type { ComponentRenderStats } from '../stats/components.js';
import { OVERLAY_CSS } from './overlay-style.js';
import { healthInputs, healthScore, type HealthInputs } from './health.js';
import {
  slowestInteractionsSection,
  vitalsSection,
  type InteractionsSource,
  type VitalsOverlaySection,
  type VitalsSource,
} from './sections/vitals.js';

/**
 * Optional data sources, found by shape (duck-typed) so the overlay imports no instrumentation
 * code. A section whose source is absent is not shown.
 */
export interface OverlaySources {
  /**
   * e.g. a ReactRenderInstrumentation. Default: found by shape among `ft.instrumentations`; its
   * sections then appear once a component has committed.
   */
  components?: {
    slowestComponents(n: number): ComponentRenderStats[];
    topRerenders(n: number): ComponentRenderStats[];
  };
  /** e.g. a PreactSignalsInstrumentation: `topSignals(n)` → most-updated signals. */
  signals?: { topSignals(n: number): Array<{ name: string; updates: number }> };
  /** e.g. a NetworkInstrumentation: `recentRequests(n)`, newest first. */
  network?: { recentRequests(n: number): Array<{ method: string; url: string; status: number; durationMs: number }> };
  /** e.g. a WebVitalsInstrumentation: `latestVitals()` → the "Vitals" section. */
  vitals?: VitalsSource;
  /** e.g. an InteractionInstrumentation: `slowestInteractions(n)` → the "Slowest interactions" section. */
  interactions?: InteractionsSource;
}

export interface OverlayOptions extends OverlaySources {
  /** Key combination that shows/hides the panel, e.g. 'Ctrl+Alt+P'. Default 'Alt+Shift+F'. */
  hotkey?: string;
  /** Minimum time between refreshes while visible, ms (at least 100). Default 250. */
  refreshMs?: number;
  /** Violations kept in the list. Default 8. */
  maxViolations?: number;
  /** Rows of the component, signal and request lists. Default 5. */
  listSize?: number;
  /** Where the panel's host element goes. Default document.body. */
  container?: HTMLElement;
  /** Start hidden (the hotkey shows it). Default false. */
  hidden?: boolean;
  /**
   * Turns a trace id into a link, e.g. `(id) => \`http://localhost:16686/trace/${id}\``.
   * Only http(s) URLs become links. Default: trace ids are plain text.
   */
  traceUrl?: (traceId: string) => string;
}

export interface OverlayHandle {
  readonly host: HTMLElement;
  /** Shows (true), hides (false) or flips the panel. */
  toggle(visible?: boolean): void;
  /** Removes the panel, its listeners and its timer. */
  unmount(): void;
}

const COLUMNS = ['operation', 'count', 'p50', 'p95', 'p99', 'max', 'budget', 'violations'] as const;
type Column = (typeof COLUMNS)[number];
type OpRow = { [K in Column]: K extends 'operation' ? string : K extends 'budget' ? number | null : number };

/** Everything one refresh shows, as plain data: compared with the last one to skip no-op repaints. */
interface View {
  score: number;
  inputs: HealthInputs;
  ops: OpRow[];
  violations: BudgetViolation[];
  slowest: ComponentRenderStats[] | null;
  rerenders: ComponentRenderStats[] | null;
  signals: Array<{ name: string; updates: number }> | null;
  requests: Array<{ method: string; url: string; status: number; durationMs: number }> | null;
  /** What the vitals/interactions sections collected (null: hidden). */
  extra: unknown[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text; // always text: names come from the app
  return e;
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtBudget = (ms: number | null) => (ms === null ? '–' : Number.isInteger(ms) ? String(ms) : fmt(ms));
const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;

interface Hotkey {
  key: string;
  alt: boolean;
  shift: boolean;
  ctrl: boolean;
  meta: boolean;
}

function parseHotkey(spec: string): Hotkey {
  const parts = spec
    .toLowerCase()
    .split('+')
    .map((p) => p.trim());
  const key = parts.pop() ?? '';
  const has = (...names: string[]) => names.some((n) => parts.includes(n));
  return {
    key,
    alt: has('alt', 'option'),
    shift: has('shift'),
    ctrl: has('ctrl', 'control'),
    meta: has('meta', 'cmd', 'command'),
  };
}

function matchesHotkey(e: KeyboardEvent, h: Hotkey): boolean {
  if (e.altKey !== h.alt || e.shiftKey !== h.shift || e.ctrlKey !== h.ctrl || e.metaKey !== h.meta) return false;
  if ((e.key ?? '').toLowerCase() === h.key) return true;
  // Alt (Option on macOS) changes e.key ('ƒ', 'Ï'): fall back to the physical key for letters and digits.
  return (
    (/^[a-z]$/.test(h.key) && e.code === `Key${h.key.toUpperCase()}`) ||
    (/^[0-9]$/.test(h.key) && e.code === `Digit${h.key}`)
  );
}

function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url, document.baseURI);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Same-origin URLs without their origin: the path is what tells requests apart. */
function shortUrl(url: string): string {
  const origin = typeof location === 'object' ? location.origin : '';
  return origin && origin !== 'null' && url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
}

function scheduleFrame(fn: () => void): () => void {
  // requestAnimationFrame: the repaint lands in a frame, and a background tab does no work at all.
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
}

/**
 * Mounts frametel's in-page performance panel in a shadow root, fed by the handle (no network):
 * health score, the operation table (sortable by clicking a header), the last violations with
 * trace ids, slowest components and top re-renderers, most-updated signals and recent requests
 * when their sources are given. Costs nothing until called; hidden it runs no timer; all text is
 * inserted as text.
 */
export function mountOverlay(ft: Frametel, options: OverlayOptions = {}): OverlayHandle {
  const refreshMs = Math.max(100, options.refreshMs ?? 250);
  const maxViolations = Math.max(1, options.maxViolations ?? 8);
  const listSize = Math.max(1, options.listSize ?? 5);
  const hotkeyText = options.hotkey ?? 'Alt+Shift+F';
  const hotkey = parseHotkey(hotkeyText);
  // Sources not given are looked for, by shape, among the instrumentations given to register().
  const byShape = <T>(method: string): T | undefined =>
    (ft.instrumentations ?? []).find((i) => typeof (i as unknown as Record<string, unknown>)[method] === 'function') as
      | T
      | undefined;
  const signalsSource = options.signals ?? byShape<NonNullable<OverlaySources['signals']>>('topSignals');
  const networkSource = options.network ?? byShape<NonNullable<OverlaySources['network']>>('recentRequests');
  const componentSource = options.components ?? byShape<NonNullable<OverlaySources['components']>>('topRerenders');
  const vitalsSource = options.vitals ?? byShape<VitalsSource>('latestVitals');
  const interactionsSource = options.interactions ?? byShape<InteractionsSource>('slowestInteractions');
  const traceHref = (id: string) => (options.traceUrl ? safeHref(String(options.traceUrl(id))) : undefined);
  const extraSections: VitalsOverlaySection<unknown>[] = [
    ...(vitalsSource ? [vitalsSection(vitalsSource) as VitalsOverlaySection<unknown>] : []),
    ...(interactionsSource
      ? [slowestInteractionsSection(interactionsSource, listSize, traceHref) as VitalsOverlaySection<unknown>]
      : []),
  ];

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

  let sortKey: Column = 'p95';
  let sortDesc = true;
  let visible = !options.hidden;
  let lastSignature = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelFrame: (() => void) | undefined;

  function collect(): View {
    const ops = ft.stats
      .all()
      .map((m) => ({ ...m, budgetMs: ft.budgets.operationBudget(m.operation)?.budgetMs ?? null }));
    const inputs = healthInputs(ops, ft.diagnostics());
    const slowest = componentSource?.slowestComponents(listSize) ?? [];
    const rerenders = (componentSource?.topRerenders(listSize) ?? []).filter((c) => c.rerenders > 0);
    // Without an explicit source, the component sections appear once the handle has any.
    const showComponents = options.components !== undefined || slowest.length > 0;
    return {
      score: healthScore(inputs),
      inputs,
      ops: ops.map((o) => ({
        operation: o.operation,
        count: o.count,
        p50: o.p50,
        p95: o.p95,
        p99: o.p99,
        max: o.maxTime,
        budget: o.budgetMs,
        violations: o.violations,
      })),
      violations: [...violations],
      slowest: showComponents ? slowest : null,
      rerenders: showComponents ? rerenders : null,
      signals: signalsSource ? signalsSource.topSignals(listSize) : null,
      requests: networkSource ? networkSource.recentRequests(listSize) : null,
      extra: extraSections.map((x) => x.collect()),
    };
  }

  const section = (title: string, body: HTMLElement, cls = 'section') => {
    const s = el('div', cls);
    s.append(el('h3', undefined, title), body);
    return s;
  };

  const list = (items: string[], empty: string) => {
    const ul = el('ul');
    if (items.length === 0) ul.append(el('li', 'muted', empty));
    for (const item of items) {
      const li = el('li', undefined, item);
      li.title = item;
      ul.append(li);
    }
    return ul;
  };

  function operationTable(rows: OpRow[]): HTMLElement {
    const table = el('table', 'ops');
    const head = el('tr');
    for (const c of COLUMNS) {
      const th = el('th', c === sortKey ? 'sorted' : undefined, c + (c === sortKey ? (sortDesc ? ' ▾' : ' ▴') : ''));
      th.setAttribute('aria-sort', c === sortKey ? (sortDesc ? 'descending' : 'ascending') : 'none');
      th.addEventListener('click', () => {
        sortDesc = c === sortKey ? !sortDesc : c !== 'operation';
        sortKey = c;
        refresh(true);
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
        const td = el(
          'td',
          (c === 'p95' || c === 'max') && r.budget !== null && r[c] > r.budget ? 'over' : undefined,
          text,
        );
        if (c === 'operation') td.title = r.operation;
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(thead, tbody);
    return table;
  }

  function violationTable(list: BudgetViolation[]): HTMLElement {
    if (list.length === 0) return el('p', 'muted', 'none yet');
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
      const href = options.traceUrl ? safeHref(String(options.traceUrl(v.traceId))) : undefined;
      if (href) {
        const a = el('a', undefined, v.traceId);
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        trace.append(a);
      } else trace.textContent = v.traceId;
      tr.append(name, el('td', undefined, fmt(v.actual)), el('td', undefined, fmtBudget(v.budget)), trace);
      tr.title = `${v.severity} · ${v.impact} · ${new Date(v.timestamp).toLocaleTimeString()} · span ${v.spanId}`;
      tbody.append(tr);
    }
    table.append(thead, tbody);
    return table;
  }

  function paint(view: View): void {
    const header = el('header');
    const badge = el(
      'span',
      `score ${view.score >= 80 ? 'good' : view.score >= 50 ? 'warn' : 'bad'}`,
      String(view.score),
    );
    badge.title = 'health 0–100 = 100 − 50·violation rate − 30·p95 over budget − 20·export failure rate';
    const { violationRate, p95OverBudget, exportFailureRate } = view.inputs;
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.title = `hide (${hotkeyText})`;
    close.setAttribute('aria-label', 'hide the frametel overlay');
    close.addEventListener('click', () => setVisible(false));
    const inputs = el(
      'span',
      'muted',
      `violations ${pct(violationRate)} · p95>budget ${pct(p95OverBudget)} · export fail ${pct(exportFailureRate)}`,
    );
    inputs.title = badge.title;
    header.append(
      el('strong', undefined, 'frametel'),
      badge,
      inputs,
      el('span', 'spacer'),
      el('span', 'muted', hotkeyText),
      close,
    );
    const parts: HTMLElement[] = [
      header,
      section('Operations', view.ops.length ? operationTable(view.ops) : el('p', 'muted', 'no operations yet')),
    ];
    parts.push(section(`Last violations`, violationTable(view.violations)));
    extraSections.forEach((x, i) => {
      if (view.extra[i] !== null) parts.push(section(x.title, x.render(view.extra[i])));
    });
    const columns: HTMLElement[] = [];
    const ms = (c: ComponentRenderStats) => `${c.name}: avg ${fmt(c.avgMs)} ms, max ${fmt(c.maxMs)} ms`;
    if (view.slowest) columns.push(section('Slowest components', list(view.slowest.map(ms), 'no commits yet')));
    if (view.rerenders)
      columns.push(
        section(
          'Top re-renders',
          list(
            view.rerenders.map((c) => `${c.name}: ${c.rerenders} re-render${c.rerenders === 1 ? '' : 's'}`),
            'none',
          ),
        ),
      );
    if (view.signals)
      columns.push(
        section(
          'Most-updated signals',
          list(
            view.signals.map((s) => `${s.name}: ${s.updates} ${s.updates === 1 ? 'write' : 'writes'}`),
            'none',
          ),
        ),
      );
    if (view.requests)
      columns.push(
        section(
          'Recent requests',
          list(
            view.requests.map(
              (r) => `${r.method} ${shortUrl(r.url)} → ${r.status || 'failed'} in ${fmt(r.durationMs)} ms`,
            ),
            'none',
          ),
        ),
      );
    if (columns.length) {
      const grid = el('div', 'columns');
      grid.append(...columns);
      parts.push(grid);
    }
    panel.replaceChildren(...parts);
  }

  /** Repaints when what it shows changed (or `force`): a still panel keeps text selectable. */
  function refresh(force = false): void {
    try {
      const view = collect();
      const signature = JSON.stringify([view, sortKey, sortDesc]);
      if (!force && signature === lastSignature) return;
      lastSignature = signature;
      paint(view);
    } catch (error) {
      lastSignature = '';
      panel.replaceChildren(el('p', 'muted', `frametel overlay: ${String(error)}`));
    }
  }

  function stopTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    cancelFrame?.();
    timer = undefined;
    cancelFrame = undefined;
  }

  function schedule(): void {
    timer = setTimeout(() => {
      timer = undefined;
      cancelFrame = scheduleFrame(() => {
        cancelFrame = undefined;
        refresh();
        schedule();
      });
    }, refreshMs);
  }

  function setVisible(v: boolean): void {
    visible = v;
    panel.hidden = !v;
    stopTimer();
    if (v) {
      refresh(true);
      schedule();
    }
  }

  const onKey = (e: KeyboardEvent) => {
    if (matchesHotkey(e, hotkey)) {
      e.preventDefault();
      setVisible(!visible);
    }
  };
  document.addEventListener('keydown', onKey);
  (options.container ?? document.body).append(host);
  setVisible(visible);

  return {
    host,
    toggle: (v = !visible) => setVisible(v),
    unmount() {
      stopTimer();
      document.removeEventListener('keydown', onKey);
      ft.off('budgetViolation', onViolation);
      host.remove();
    },
  };
}
