import { diag, ROOT_CONTEXT } from '@opentelemetry/api';
import { InstrumentationBase, type InstrumentationConfig } from '@opentelemetry/instrumentation';
import { fail } from '../../../config/checks.js';
import { invalid } from '../../../config/errors.js';
import {
  ENABLED_RULE,
  type OptionSchema,
  validateInstrumentationOptions,
} from '../../../config/instrumentation-options.js';
import { ATTR_UI_MEASURE_NAME, ATTR_UI_OPERATION, OP_MEASURE } from '../../../semconv.js';
import { VERSION } from '../../../version.js';
import { supportsEntryType } from '../support.js';

export const MEASURES_SCOPE = 'frametel/measures';

export interface MeasureInstrumentationConfig extends InstrumentationConfig {
  /**
   * Which `performance.measure()` entries become spans: exact names, or a RegExp tested against
   * the name. Default none (the instrumentation observes nothing): measures are the app's own
   * vocabulary, so frametel traces only the ones asked for.
   */
  measures?: string[] | RegExp;
}

const SCOPE = 'MeasureInstrumentation';
const SCHEMA: OptionSchema = {
  enabled: ENABLED_RULE,
  measures: {
    check: (path, m) => {
      if (m instanceof RegExp) return;
      if (!Array.isArray(m)) fail(invalid(path, 'an array of measure names or a RegExp', m));
      m.forEach((name, i) => {
        if (typeof name !== 'string' || name === '') fail(invalid(`${path}[${i}]`, 'a non-empty string', name));
      });
    },
  },
};

/** A predicate over measure names (undefined: none); a RegExp loses its g/y flags (a stateful lastIndex). */
function matcher(config: MeasureInstrumentationConfig | undefined): ((name: string) => boolean) | undefined {
  const m = validateInstrumentationOptions(SCOPE, config, SCHEMA).measures;
  if (m instanceof RegExp) {
    const re = new RegExp(m.source, m.flags.replace(/[gy]/g, ''));
    return (name) => re.test(name);
  }
  if (!m?.length) return undefined;
  const names = new Set(m);
  return (name) => names.has(name);
}

/**
 * User Timing on OTel: each `performance.measure()` entry whose name matches `measures` becomes a
 * span `measure {name}` (`ui.operation = measure`, `ui.measure.name`), timed exactly as the entry,
 * so `measure` and `measure:<name>` budgets apply. Entries made before enable() are picked up
 * (buffered) once. Browsers without the `measure` entry type: nothing, said once through diag.
 */
export class MeasureInstrumentation extends InstrumentationBase<MeasureInstrumentationConfig> {
  declare private matches: ((name: string) => boolean) | undefined;
  declare private observer: PerformanceObserver | undefined;
  declare private sawBuffered: boolean | undefined;
  /** Entries that could not become spans (counted, never thrown). */
  declare droppedEntries: number;

  constructor(config: MeasureInstrumentationConfig = {}) {
    // The super constructor validates through setConfig() and then calls enable().
    super(MEASURES_SCOPE, VERSION, config);
    this.droppedEntries ??= 0;
  }

  /** Validated like the constructor; a new `measures` applies to entries observed from now on. */
  override setConfig(config: MeasureInstrumentationConfig = {}): void {
    const matches = matcher(config);
    super.setConfig(config);
    this.matches = matches;
  }

  protected override init(): void {}

  override enable(): void {
    if (this.observer || this.matches === undefined) return;
    if (!supportsEntryType('measure', 'User Timing measures')) return;
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.record(entry);
    });
    // Buffered only the first time: a re-enable must not replay measures already traced.
    this.observer.observe({ type: 'measure', buffered: !this.sawBuffered });
    this.sawBuffered = true;
  }

  /** In `ft.diagnostics().instrumentations['frametel/measures']`: entries that could not become spans. */
  diagnostics(): { droppedEntries: number } {
    return { droppedEntries: this.droppedEntries ?? 0 };
  }

  override disable(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private record(entry: PerformanceEntry): void {
    try {
      const name = entry.name;
      if (!this.matches?.(name)) return;
      const start = performance.timeOrigin + entry.startTime;
      // Measures are delivered after the fact, outside the code they timed: no ambient parent.
      const span = this.tracer.startSpan(
        `measure ${name}`,
        { startTime: start, attributes: { [ATTR_UI_OPERATION]: OP_MEASURE, [ATTR_UI_MEASURE_NAME]: name } },
        ROOT_CONTEXT,
      );
      span.end(start + entry.duration);
    } catch (error) {
      this.droppedEntries++;
      diag.error('frametel measures: a measure entry was dropped', error);
    }
  }
}
