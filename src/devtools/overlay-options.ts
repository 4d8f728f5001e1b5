import { checkBoolean, checkMethods, checkNumber, checkObject, checkString, fail } from '../config/checks.js';
import { invalid } from '../config/errors.js';
import { parseHotkey, type Hotkey } from './hotkey.js';
import { SOURCE_METHODS, type OverlaySources } from './sections/sources.js';
import type { OverlaySectionFactory } from './sections/types.js';
import type { SpanBufferSource } from './spans/types.js';
import type { TableLike } from './replay/targets.js';
import type { ValueChangeSource } from './state/section.js';
import type { ConsoleSource } from './sections/console.js';

export interface OverlayOptions extends OverlaySources {
  /** Key combination that shows/hides the panel, e.g. 'Ctrl+Alt+P'. Default 'Alt+Shift+F'. */
  hotkey?: string;
  /** Minimum time between refreshes while visible, ms (values under 100 count as 100). Default 250. */
  refreshMs?: number;
  /** Violations kept in the list, an integer 1–1000. Default 8. */
  maxViolations?: number;
  /** Rows of the component, signal and request lists, an integer 1–100. Default 5. */
  listSize?: number;
  /** The element the panel's host goes into (an element, not a selector). Default document.body. */
  container?: HTMLElement;
  /** Start hidden (the hotkey shows it). Default false. */
  hidden?: boolean;
  /**
   * Turns a trace id into a link, e.g. `(id) => \`http://localhost:16686/trace/${id}\``.
   * Only http(s) URLs become links; if it throws, the id stays plain text. Default: plain text.
   */
  traceUrl?: (traceId: string) => string;
  /**
   * Recently ended spans (a `SpanRingBuffer` given to `register({ spanProcessors })`): violations
   * then open their whole trace as a waterfall. Default: the SpanRingBuffer among the handle's
   * span processors, if any.
   */
  spans?: SpanBufferSource;
  /**
   * Source of signal value changes (`recentValueChanges`). Default: the registered signals
   * instrumentation, when it has `recordValues: true`.
   */
  values?: ValueChangeSource;
  /**
   * Source of console entries (`recentConsole`). Default: the registered ErrorInstrumentation
   * (entries appear with its `captureConsole: true`).
   */
  console?: ConsoleSource;
  /** TanStack Table v9 tables by name, whose state changes the "State changes" section diffs. Default {}. */
  tables?: Record<string, TableLike>;
  /** Extra sections after the built-in ones (e.g. vitals), each built once per mount. Default []. */
  sections?: OverlaySectionFactory[];
}

/** Every default of the overlay, in one place. */
export const OVERLAY_DEFAULTS = {
  hotkey: 'Alt+Shift+F',
  refreshMs: 250,
  minRefreshMs: 100,
  maxViolations: 8,
  listSize: 5,
  hidden: false,
} as const;

const KEYS = [
  'hotkey',
  'refreshMs',
  'maxViolations',
  'listSize',
  'container',
  'hidden',
  'traceUrl',
  'components',
  'signals',
  'network',
  'vitals',
  'interactions',
  'spans',
  'values',
  'console',
  'tables',
  'sections',
] as const;

export interface ResolvedOverlayOptions {
  hotkeyText: string;
  hotkey: Hotkey;
  refreshMs: number;
  maxViolations: number;
  listSize: number;
  container: HTMLElement | undefined;
  hidden: boolean;
  traceUrl: ((traceId: string) => string) | undefined;
  sources: OverlaySources;
  spans: SpanBufferSource | undefined;
  values: ValueChangeSource | undefined;
  console: ConsoleSource | undefined;
  tables: Record<string, TableLike>;
  sections: OverlaySectionFactory[];
}

/** Validates mountOverlay's options: one FrametelConfigError naming the option, before anything is mounted. */
export function resolveOverlayOptions(input: unknown): ResolvedOverlayOptions {
  const o = checkObject('mountOverlay options', input ?? {}, KEYS);
  const at = (key: string) => `mountOverlay options.${key}`;
  const hotkeyText =
    o.hotkey === undefined
      ? OVERLAY_DEFAULTS.hotkey
      : checkString(at('hotkey'), o.hotkey, `a key combination such as 'Alt+Shift+F'`);
  const hotkey =
    parseHotkey(hotkeyText) ??
    fail(invalid(at('hotkey'), `a key combination such as 'Alt+Shift+F' (modifiers + one key)`, hotkeyText));
  const int = (key: 'maxViolations' | 'listSize', max: number, fallback: number) =>
    o[key] === undefined ? fallback : checkNumber(at(key), o[key], 1, max, `an integer from 1 to ${max}`, true);
  const refreshMs =
    o.refreshMs === undefined
      ? OVERLAY_DEFAULTS.refreshMs
      : checkNumber(at('refreshMs'), o.refreshMs, 0, 3_600_000, 'a number of milliseconds (≥ 100 is used)');
  if (
    o.container !== undefined &&
    (typeof o.container !== 'object' || o.container === null || (o.container as Node).nodeType !== 1)
  )
    fail(invalid(at('container'), 'a DOM element (not a selector string)', o.container));
  if (o.traceUrl !== undefined && typeof o.traceUrl !== 'function')
    fail(invalid(at('traceUrl'), 'a function (traceId) => URL', o.traceUrl));
  const sources: OverlaySources = {};
  for (const key of ['components', 'signals', 'network', 'vitals', 'interactions'] as const) {
    if (o[key] === undefined) continue;
    const methods = SOURCE_METHODS[key];
    checkMethods(at(key), o[key], methods, `an object with ${methods.join(' and ')}`);
    (sources as Record<string, unknown>)[key] = o[key];
  }
  if (o.spans !== undefined) checkMethods(at('spans'), o.spans, ['trace'], 'a SpanRingBuffer');
  if (o.values !== undefined)
    checkMethods(at('values'), o.values, ['recentValueChanges'], 'an object with recentValueChanges');
  if (o.console !== undefined)
    checkMethods(at('console'), o.console, ['recentConsole'], 'an object with recentConsole');
  const tables = o.tables === undefined ? {} : checkObject(at('tables'), o.tables, null, 'an object of tables by name');
  for (const [name, t] of Object.entries(tables))
    if (typeof (t as TableLike | null)?.store?.subscribe !== 'function')
      fail(invalid(`${at('tables')}[${JSON.stringify(name)}]`, 'a TanStack Table v9 table (with store.subscribe)', t));
  const sections = o.sections === undefined ? [] : o.sections;
  if (!Array.isArray(sections) || sections.some((s) => typeof s !== 'function'))
    fail(invalid(at('sections'), 'an array of section factories (context) => section', o.sections));
  return {
    hotkeyText,
    hotkey,
    refreshMs: Math.max(OVERLAY_DEFAULTS.minRefreshMs, refreshMs),
    maxViolations: int('maxViolations', 1000, OVERLAY_DEFAULTS.maxViolations),
    listSize: int('listSize', 100, OVERLAY_DEFAULTS.listSize),
    container: o.container as HTMLElement | undefined,
    hidden: o.hidden === undefined ? OVERLAY_DEFAULTS.hidden : checkBoolean(at('hidden'), o.hidden),
    traceUrl: o.traceUrl as ResolvedOverlayOptions['traceUrl'],
    sources,
    spans: o.spans as SpanBufferSource | undefined,
    values: o.values as ValueChangeSource | undefined,
    console: o.console as ConsoleSource | undefined,
    tables: tables as Record<string, TableLike>,
    sections: sections as OverlaySectionFactory[],
  };
}
