import { diag } from '@opentelemetry/api';
import type { Frametel } from '../handle.js';
import type { OperationMetrics } from '../stats/operation-stats.js';
import { button, el, errorText, pct, safeHref } from './dom.js';
import { healthInputs, healthScore, type HealthInputs } from './health.js';
import { matchesHotkey } from './hotkey.js';
import { resolveOverlayOptions, type OverlayOptions } from './overlay-options.js';
import { DETAIL_CSS, DIFF_CSS, INSPECT_CSS, OVERLAY_CSS, REPORT_CSS } from './overlay-style.js';
import { consoleSection, type ConsoleSource } from './sections/console.js';
import { operationsSection } from './sections/operations.js';
import { requestsSection } from './sections/requests.js';
import { findByShape, resolveSources, sourceSections } from './sections/sources.js';
import { stateSection, type ValueChangeSource } from './state/section.js';
import type { OverlaySection, SectionContext } from './sections/types.js';
import { violationsSection } from './sections/violations.js';
import { slowestInteractionsSection, vitalsSection } from './sections/vitals.js';
import { findSpanBuffer } from './spans/find.js';
import { traceSection } from './spans/trace-section.js';

export type { OverlayOptions } from './overlay-options.js';
export type { OverlaySources } from './sections/sources.js';

export interface OverlayHandle {
  readonly host: HTMLElement;
  /** Shows (true), hides (false) or flips the panel. */
  toggle(visible?: boolean): void;
  /** Opens the trace waterfall on `traceId` (needs a span buffer); `spanId` is highlighted. */
  openTrace(traceId: string, spanId?: string): void;
  /** Section collect/render calls that threw (each showed a short note instead of its content). */
  readonly sectionErrors: number;
  /** Removes the panel, its listeners and its timer. */
  unmount(): void;
}

/** A section's refresh outcome: its data, or the note shown instead when it threw. */
type Collected = { data: unknown } | { error: string } | null;

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
 * trace ids (opening their trace as a waterfall when a span buffer is registered), slowest
 * components and top re-renderers, most-updated signals and recent requests when their sources
 * are there, then any extra `sections`. Costs nothing until called; hidden it runs no timer; all
 * text is inserted as text. Bad options throw one FrametelConfigError before anything is mounted;
 * afterwards a section that throws shows a short note and the others still render.
 */
export function mountOverlay(ft: Frametel, options: OverlayOptions = {}): OverlayHandle {
  const o = resolveOverlayOptions(options);
  const spans = o.spans ?? findSpanBuffer(ft);

  const host = el('div');
  host.setAttribute('data-frametel-overlay', '');
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style');
  style.textContent = OVERLAY_CSS + DETAIL_CSS + REPORT_CSS + DIFF_CSS + INSPECT_CSS;
  const panel = el('section', 'panel');
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', 'frametel performance overlay');
  root.append(style, panel);

  let visible = !o.hidden;
  let lastSignature = '';
  let sectionErrors = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelFrame: (() => void) | undefined;
  let openTraceIn: ((traceId: string, spanId?: string) => void) | undefined;

  let operations: OperationMetrics[] | undefined;
  const ctx: SectionContext = {
    ft,
    operations: () => (operations ??= ft.stats.all()),
    listSize: o.listSize,
    refresh: () => refresh(true),
    openTrace: (traceId, spanId) => openTraceIn?.(traceId, spanId),
  };
  const sections: OverlaySection<unknown>[] = [];
  const add = (make: () => OverlaySection<unknown> | OverlaySection<unknown>[]) => {
    try {
      const made = make();
      sections.push(...(Array.isArray(made) ? made : [made]));
    } catch (error) {
      countError('a section could not be created', error);
    }
  };
  const sources = resolveSources(ft, o.sources);
  add(() => operationsSection(ctx) as OverlaySection<unknown>);
  add(
    () =>
      violationsSection(ctx, {
        maxViolations: o.maxViolations,
        traceUrl: o.traceUrl,
        canOpenTrace: () => spans !== undefined,
      }) as OverlaySection<unknown>,
  );
  // Vitals and slowest interactions (frametel/vitals), after the violations, full width.
  const traceHref = (id: string) => {
    try {
      return o.traceUrl ? safeHref(String(o.traceUrl(id))) : undefined;
    } catch {
      return undefined; // a throwing traceUrl only loses the link
    }
  };
  if (sources.vitals) add(() => vitalsSection(sources.vitals!) as OverlaySection<unknown>);
  if (sources.interactions)
    add(() => slowestInteractionsSection(sources.interactions!, o.listSize, traceHref) as OverlaySection<unknown>);
  if (spans)
    add(() => {
      const view = traceSection(ctx, spans);
      openTraceIn = view.open;
      return view.section as OverlaySection<unknown>;
    });
  const values = o.values ?? findByShape<ValueChangeSource>(ft, ['recentValueChanges']);
  if (values || Object.keys(o.tables).length > 0)
    add(
      () =>
        stateSection(
          ctx,
          values,
          o.tables,
          o.values !== undefined || Object.keys(o.tables).length > 0,
        ) as OverlaySection<unknown>,
    );
  add(() => sourceSections(sources, o.listSize) as OverlaySection<unknown>[]);
  if (sources.network) add(() => requestsSection(ctx, sources.network!, o.listSize) as OverlaySection<unknown>);
  const consoleSource = o.console ?? findByShape<ConsoleSource>(ft, ['recentConsole']);
  if (consoleSource) add(() => consoleSection(ctx, consoleSource) as OverlaySection<unknown>);
  for (const factory of o.sections) add(() => factory(ctx));

  function countError(what: string, error: unknown): string {
    sectionErrors++;
    diag.debug(`frametel overlay: ${what}`, error);
    return errorText(error);
  }

  function collectAll(): Collected[] {
    return sections.map((s) => {
      try {
        const data = s.collect();
        return data === null || data === undefined ? null : { data };
      } catch (error) {
        return { error: countError(`section ${s.id} failed to collect`, error) };
      }
    });
  }

  function health(): HealthInputs {
    return healthInputs(
      ctx.operations().map((m) => ({ ...m, budgetMs: ft.budgets.operationBudget(m.operation)?.budgetMs ?? null })),
      ft.diagnostics(),
    );
  }

  function header(inputs: HealthInputs): HTMLElement {
    const score = healthScore(inputs);
    const head = el('header');
    const badge = el('span', `score ${score >= 80 ? 'good' : score >= 50 ? 'warn' : 'bad'}`, String(score));
    badge.title = 'health 0–100 = 100 − 50·violation rate − 30·p95 over budget − 20·export failure rate';
    const { violationRate, p95OverBudget, exportFailureRate } = inputs;
    const close = button('×', () => setVisible(false), 'close');
    close.title = `hide (${o.hotkeyText})`;
    close.setAttribute('aria-label', 'hide the frametel overlay');
    const summary = el(
      'span',
      'muted',
      `violations ${pct(violationRate)} · p95>budget ${pct(p95OverBudget)} · export fail ${pct(exportFailureRate)}`,
    );
    summary.title = badge.title;
    head.append(
      el('strong', undefined, 'frametel'),
      badge,
      summary,
      el('span', 'spacer'),
      el('span', 'muted', o.hotkeyText),
      close,
    );
    return head;
  }

  function renderSection(s: OverlaySection<unknown>, c: NonNullable<Collected>): HTMLElement {
    const box = el('div', `section ${s.id}`);
    let body: HTMLElement;
    if ('error' in c) body = el('p', 'muted section-error', `unavailable: ${c.error}`);
    else {
      try {
        body = s.render(c.data);
      } catch (error) {
        body = el('p', 'muted section-error', `unavailable: ${countError(`section ${s.id} failed to render`, error)}`);
      }
    }
    box.append(el('h3', undefined, s.title), body);
    return box;
  }

  function paint(inputs: HealthInputs | undefined, collected: Collected[]): void {
    const parts: HTMLElement[] = [];
    try {
      if (!inputs) throw new Error('no health inputs');
      parts.push(header(inputs));
    } catch (error) {
      parts.push(el('p', 'muted section-error', `frametel: ${countError('the header failed', error)}`));
    }
    const columns: HTMLElement[] = [];
    sections.forEach((s, i) => {
      const c = collected[i];
      if (!c) return;
      (s.layout === 'column' ? columns : parts).push(renderSection(s, c));
    });
    if (columns.length) {
      const grid = el('div', 'columns');
      grid.append(...columns);
      parts.push(grid);
    }
    // A repaint replaces every element: hand focus to the replacement of the focused one (same
    // data-focus-key), or a keyboard user is dropped to <body> every refresh and keys such as
    // Escape in the waterfall stop reaching the overlay.
    const focusKey = (root.activeElement as HTMLElement | null)?.dataset?.focusKey;
    panel.replaceChildren(...parts);
    if (focusKey) {
      for (const e of panel.querySelectorAll<HTMLElement>('[data-focus-key]'))
        if (e.dataset.focusKey === focusKey) {
          e.focus({ preventScroll: true });
          break;
        }
    }
  }

  /** Repaints when what it shows changed (or `force`): a still panel keeps text selectable. */
  function refresh(force = false): void {
    operations = undefined; // a fresh snapshot per refresh
    const collected = collectAll();
    let inputs: HealthInputs | undefined;
    try {
      inputs = health();
    } catch (error) {
      countError('the health score failed', error);
    }
    let signature: string;
    try {
      signature = JSON.stringify([inputs, collected]);
    } catch {
      signature = String(Math.random()); // unserialisable section data: always repaint
    }
    if (!force && signature === lastSignature) return;
    lastSignature = signature;
    paint(inputs, collected);
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
    }, o.refreshMs);
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
    if (matchesHotkey(e, o.hotkey)) {
      e.preventDefault();
      setVisible(!visible);
    }
  };
  document.addEventListener('keydown', onKey);
  (o.container ?? document.body).append(host);
  setVisible(visible);

  return {
    host,
    toggle: (v = !visible) => setVisible(v),
    openTrace: (traceId, spanId) => {
      openTraceIn?.(traceId, spanId);
      if (!visible) setVisible(true);
    },
    get sectionErrors() {
      return sectionErrors;
    },
    unmount() {
      stopTimer();
      document.removeEventListener('keydown', onKey);
      for (const s of sections) {
        try {
          s.dispose?.();
        } catch (error) {
          countError(`section ${s.id} failed to dispose`, error);
        }
      }
      host.remove();
    },
  };
}
