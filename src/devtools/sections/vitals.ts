/**
 * The overlay's "Vitals" and "Slowest interactions" sections. Their sources are found by shape
 * among the registered instrumentations (`latestVitals()` on WebVitalsInstrumentation,
 * `slowestInteractions(n)` on InteractionInstrumentation), so the overlay imports no
 * instrumentation code. Each section is `{ id, title, collect, render }`: collect() returns plain
 * data (null hides the section), render() builds its DOM; everything from the app goes in as text.
 */

/** One vital as `latestVitals()` returns it (shape of WebVitalsInstrumentation's VitalSummary). */
export interface VitalRow {
  name: string;
  /** ms, or the unitless score when `unit` is '1' (CLS). */
  value: number;
  rating: 'good' | 'needs-improvement' | 'poor';
  unit: 'ms' | '1';
  budget?: number;
  /** Not final yet (INP while the page is open): shown as "so far". */
  provisional?: boolean;
}

/** One interaction as `slowestInteractions(n)` returns it, slowest first. */
export interface InteractionRow {
  type: string;
  target: string | undefined;
  durationMs: number;
  inputDelayMs: number;
  processingMs: number;
  presentationDelayMs: number;
  /** The operations it caused (`signal.update`, `table.sort`, `component.render`…). */
  operations: string[];
  traceId: string;
}

export interface VitalsSource {
  latestVitals(): VitalRow[];
}
export interface InteractionsSource {
  slowestInteractions(n: number): InteractionRow[];
}

/** The part of an overlay section these need (the overlay's section contract). */
export interface VitalsOverlaySection<T> {
  readonly id: string;
  readonly title: string;
  collect(): T | null;
  render(data: T): HTMLElement;
}

/** web.dev's rating colours: good, needs improvement, poor. */
const RATING_COLOUR = { good: '#81c995', 'needs-improvement': '#fdd663', poor: '#f28b82' } as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

function table(cls: string, head: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  const t = el('table');
  t.className = cls;
  const tr = el('tr');
  for (const h of head) tr.append(el('th', h));
  const thead = el('thead');
  thead.append(tr);
  const tbody = el('tbody');
  tbody.append(...rows);
  t.append(thead, tbody);
  return t;
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
/** A vital's value with its unit: `1840 ms`, CLS `0.184`. */
export const formatVital = (v: { value: number; unit: 'ms' | '1' }) =>
  v.unit === '1' ? v.value.toFixed(3) : `${ms(v.value)} ms`;

/** "Vitals": LCP, INP, CLS, FCP, TTFB with value, rating (coloured) and budget. Hidden until one was reported. */
export function vitalsSection(source: VitalsSource): VitalsOverlaySection<VitalRow[]> {
  return {
    id: 'vitals',
    title: 'Vitals',
    collect: () => {
      const rows = source.latestVitals();
      return rows.length ? rows : null;
    },
    render: (rows) =>
      table(
        'vitals',
        ['vital', 'value', 'rating', 'budget'],
        rows.map((v) => {
          const tr = el('tr');
          const rating = el('td', v.rating);
          rating.style.color = RATING_COLOUR[v.rating] ?? '';
          tr.className = v.rating;
          const budget = v.budget === undefined ? '–' : formatVital({ value: v.budget, unit: v.unit });
          tr.append(
            el('td', v.name),
            el('td', `${formatVital(v)}${v.provisional ? ' so far' : ''}`),
            rating,
            el('td', budget),
          );
          return tr;
        }),
      ),
  };
}

/**
 * "Slowest interactions": type and target, total ms with its three phases, the operations it
 * caused, and the trace id (a link when `traceHref` gives an http(s) URL for it).
 */
export function slowestInteractionsSection(
  source: InteractionsSource,
  n: number,
  traceHref: (traceId: string) => string | undefined = () => undefined,
): VitalsOverlaySection<InteractionRow[]> {
  return {
    id: 'interactions',
    title: 'Slowest interactions',
    collect: () => source.slowestInteractions(n),
    render: (rows) => {
      if (rows.length === 0) {
        const p = el('p', 'none yet');
        p.className = 'muted';
        return p;
      }
      return table(
        'interactions',
        ['interaction', 'ms', 'input · run · paint', 'caused', 'trace id'],
        rows.map((i) => {
          const tr = el('tr');
          const what = `${i.type}${i.target ? ` ${i.target}` : ''}`;
          const name = el('td', what);
          name.title = what;
          const caused = el('td', i.operations.length ? i.operations.join(' → ') : '–');
          // The chain wraps within its column (up to 8 names; the trace has the rest of the story).
          caused.style.cssText = 'min-width:120px;max-width:170px;white-space:normal;text-align:left';
          const trace = el('td');
          trace.className = 'trace';
          const href = traceHref(i.traceId);
          if (href) {
            const a = el('a', i.traceId.slice(0, 8));
            a.href = href;
            a.target = '_blank';
            a.rel = 'noopener noreferrer';
            a.title = i.traceId;
            trace.append(a);
          } else {
            trace.textContent = i.traceId.slice(0, 8);
            trace.title = i.traceId;
          }
          const phases = `${ms(i.inputDelayMs)} · ${ms(i.processingMs)} · ${ms(i.presentationDelayMs)}`;
          tr.append(name, el('td', ms(i.durationMs)), el('td', phases), caused, trace);
          return tr;
        }),
      );
    },
  };
}
