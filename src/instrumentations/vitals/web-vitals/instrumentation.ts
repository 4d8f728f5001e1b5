import { diag, ROOT_CONTEXT, trace, type Context, type Histogram } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { onCLS, onFCP, onINP, onLCP, onTTFB, type MetricWithAttribution } from 'web-vitals/attribution';
import { checkMeasurement, type MeasurementCheck, measurementBudget } from '../../../budgets/measurement.js';
import { checkArray, fail } from '../../../config/checks.js';
import { invalid, quoted } from '../../../config/errors.js';
import {
  BOOLEAN_RULE,
  ENABLED_RULE,
  type OptionSchema,
  validateInstrumentationOptions,
} from '../../../config/instrumentation-options.js';
import {
  ATTR_BROWSER_WEB_VITAL_RATING,
  ATTR_UI_BUDGET_EXCEEDED,
  ATTR_UI_BUDGET_LIMIT,
  ATTR_UI_BUDGET_MS,
  EVENT_BROWSER_WEB_VITAL,
} from '../../../semconv.js';
import { VERSION } from '../../../version.js';
import { feedInpCandidates, interactionAt, noteInpCandidate } from '../interaction-registry.js';
import { supportsEntryType } from '../support.js';
import { vitalAttributes } from './attributes.js';
import { CLS_BUCKETS, ENTRY_TYPE, VITAL_BUCKETS_S, WEB_VITAL_NAMES } from './constants.js';
import type { VitalSummary, WebVitalName, WebVitalsInstrumentationConfig } from './types.js';

export const WEB_VITALS_SCOPE = 'frametel/web-vitals';
const SUBSCRIBE = { LCP: onLCP, INP: onINP, CLS: onCLS, FCP: onFCP, TTFB: onTTFB } as const;

interface Flushable {
  forceFlush?: () => Promise<void>;
}

const SCOPE = 'WebVitalsInstrumentation';
const SCHEMA: OptionSchema = {
  enabled: ENABLED_RULE,
  metrics: {
    check: (path, value) =>
      checkArray(path, value, 'an array of vital names').forEach((m, i) => {
        if (!WEB_VITAL_NAMES.includes(m as WebVitalName))
          fail(invalid(`${path}[${i}]`, `one of ${quoted(WEB_VITAL_NAMES)}`, m));
      }),
  },
  reportAllChanges: BOOLEAN_RULE,
};

/** Validated options with their defaults (one FrametelConfigError naming the option otherwise). */
function resolveConfig(config: WebVitalsInstrumentationConfig | undefined) {
  const c = validateInstrumentationOptions(SCOPE, config, SCHEMA);
  return { metrics: [...new Set(c.metrics ?? WEB_VITAL_NAMES)], reportAllChanges: c.reportAllChanges ?? false };
}

/**
 * Core Web Vitals (LCP, INP, CLS, FCP, TTFB) from the `web-vitals` attribution build: one
 * `browser.web_vital` log record per report, a histogram per vital, and a budget check
 * (`web_vital.lcp`, …) that raises the same violation as a slow span. The INP record goes into the
 * trace of the interaction span that was the INP interaction (see interaction-registry.ts).
 *
 * web-vitals reports LCP, INP and CLS finally when the page is hidden; see flushSoon() for how
 * those records leave before the page may be gone.
 * web-vitals listeners cannot be removed: disable() stops the reports, enable() resumes them.
 */
export class WebVitalsInstrumentation extends InstrumentationBase<WebVitalsInstrumentationConfig> {
  declare private resolved: ReturnType<typeof resolveConfig>;
  declare private subscribed: boolean | undefined;
  declare private active: boolean | undefined;
  declare private histograms: Partial<Record<WebVitalName, Histogram>> | undefined;
  /** Metric ids already recorded in the histogram: one value per page view and vital. */
  declare private recordedIds: Set<string> | undefined;
  declare private latest: Map<WebVitalName, VitalSummary> | undefined;
  declare private providers: Flushable[] | undefined;
  /** Budgets of metric ids that already raised their violation. */
  declare private budgetById: Map<string, number> | undefined;
  declare private flushTimer: ReturnType<typeof setTimeout> | undefined;
  declare private flushing: boolean | undefined;
  declare private flushAgain: boolean | undefined;
  /** Subscribed to INP: it reports INP candidates to the interaction registry while enabled. */
  declare private feeds: boolean | undefined;
  /** Reports that failed inside frametel (counted, never thrown into web-vitals or the page). */
  declare droppedReports: number;

  constructor(config: WebVitalsInstrumentationConfig = {}) {
    // The super constructor validates through setConfig() and then calls enable(), which subscribes.
    super(WEB_VITALS_SCOPE, VERSION, config);
    this.droppedReports ??= 0;
  }

  /** Validated like the constructor; `metrics` and `reportAllChanges` apply from the next subscription. */
  override setConfig(config: WebVitalsInstrumentationConfig = {}): void {
    const resolved = resolveConfig(config);
    super.setConfig(config);
    if (!this.subscribed) this.resolved = resolved;
  }

  protected override init(): void {}

  protected override _updateMetricInstruments(): void {
    const histograms: Partial<Record<WebVitalName, Histogram>> = {};
    for (const name of WEB_VITAL_NAMES) {
      const cls = name === 'CLS';
      histograms[name] = this.meter.createHistogram(`ui.web_vital.${name.toLowerCase()}`, {
        unit: cls ? '1' : 's',
        advice: { explicitBucketBoundaries: cls ? CLS_BUCKETS : VITAL_BUCKETS_S },
      });
    }
    this.histograms = histograms;
  }

  override setLoggerProvider(provider: Parameters<InstrumentationBase['setLoggerProvider']>[0]): void {
    super.setLoggerProvider(provider);
    (this.providers ??= [])[0] = provider as Flushable;
  }

  override setMeterProvider(provider: Parameters<InstrumentationBase['setMeterProvider']>[0]): void {
    super.setMeterProvider(provider);
    (this.providers ??= [])[1] = provider as Flushable;
  }

  override enable(): void {
    this.active = true;
    if (!this.subscribed) this.subscribe();
    if (this.feeds) feedInpCandidates(true);
  }

  private subscribe(): void {
    this.subscribed = true;
    const opts = { reportAllChanges: this.resolved.reportAllChanges };
    for (const name of this.resolved.metrics) {
      if (!supportsEntryType(ENTRY_TYPE[name], name)) continue;
      try {
        SUBSCRIBE[name]((metric: MetricWithAttribution) => this.report(metric), opts);
        if (name === 'INP') {
          // Every INP candidate as it happens, for the attribution of its interaction span (see
          // interaction-registry.ts). Its own subscription unless the records already report all changes.
          if (!opts.reportAllChanges) onINP((metric) => this.candidate(metric), { reportAllChanges: true });
          this.feeds = true;
        }
      } catch (error) {
        this.droppedReports = (this.droppedReports ?? 0) + 1; // may run inside the super constructor
        diag.error(`frametel vitals: web-vitals on${name} failed`, error);
      }
    }
  }

  override disable(): void {
    this.active = false;
    feedInpCandidates(false); // interactions stop waiting for reports that would be dropped
  }

  /** In `ft.diagnostics().instrumentations['frametel/web-vitals']`: reports dropped by a failure inside frametel. */
  diagnostics(): { droppedReports: number } {
    return { droppedReports: this.droppedReports ?? 0 };
  }

  /**
   * The last report of each vital, in LCP, INP, CLS, FCP, TTFB order (the overlay's "Vitals");
   * INP also before its final report, as the longest interaction so far (`provisional`).
   */
  latestVitals(): VitalSummary[] {
    const latest = this.latest;
    return WEB_VITAL_NAMES.filter((n) => latest?.has(n)).map((n) => ({ ...latest!.get(n)! }));
  }

  /** An INP report: its attributes go to the interaction span of its interaction, if still open. */
  private candidate(metric: MetricWithAttribution): void {
    if (!this.active) return;
    try {
      const id = (metric.entries[0] as { interactionId?: number } | undefined)?.interactionId;
      if (id) noteInpCandidate({ id, value: metric.value, attributes: vitalAttributes(metric) });
      // The overlay's INP as it grows, until the final report (at hide) replaces it.
      const latest = (this.latest ??= new Map());
      const known = latest.get('INP');
      if (!known || known.provisional || metric.value > known.value)
        this.keep(metric, 'ms', measurementBudget('web_vital.inp'), inpContext(metric), true);
    } catch (error) {
      this.droppedReports++;
      diag.error('frametel vitals: an INP candidate was dropped', error);
    }
  }

  private report(metric: MetricWithAttribution): void {
    if (!this.active) return;
    if (metric.name === 'INP' && this.resolved.reportAllChanges) this.candidate(metric);
    try {
      const name = metric.name;
      const unit = name === 'CLS' ? '1' : 'ms';
      const attributes = vitalAttributes(metric);
      const context = name === 'INP' ? inpContext(metric) : ROOT_CONTEXT;
      const check = this.checkBudget(metric, context, unit);
      if (check) {
        attributes[unit === 'ms' ? ATTR_UI_BUDGET_MS : ATTR_UI_BUDGET_LIMIT] = check.budget;
        attributes[ATTR_UI_BUDGET_EXCEEDED] = check.exceeded;
      }
      this.logger.emit({
        eventName: EVENT_BROWSER_WEB_VITAL,
        severityNumber: SeverityNumber.INFO,
        attributes,
        context,
      });
      const ids = (this.recordedIds ??= new Set());
      if (!ids.has(metric.id)) {
        ids.add(metric.id);
        const value = unit === 'ms' ? metric.value / 1000 : metric.value;
        this.histograms?.[name]?.record(value, { [ATTR_BROWSER_WEB_VITAL_RATING]: metric.rating });
      }
      this.keep(metric, unit, check?.budget, context);
      if (typeof document === 'object' && document.visibilityState === 'hidden') this.flushSoon();
    } catch (error) {
      this.droppedReports++;
      diag.error('frametel vitals: a web-vitals report was dropped', error);
    }
  }

  /** The overlay's row of a vital: its last report, or (provisional) INP so far. */
  private keep(
    metric: MetricWithAttribution,
    unit: 'ms' | '1',
    budget: number | undefined,
    context: Context,
    provisional?: true,
  ): void {
    const summary: VitalSummary = { name: metric.name, value: metric.value, rating: metric.rating, unit };
    if (budget !== undefined) summary.budget = budget;
    const traceId = trace.getSpanContext(context)?.traceId;
    if (traceId) summary.traceId = traceId;
    if (provisional) summary.provisional = provisional;
    (this.latest ??= new Map()).set(metric.name, summary);
  }

  /**
   * The vital's budget check. A metric id (one page view's LCP, INP…) raises at most one violation:
   * with `reportAllChanges`, or a page hidden and shown again, web-vitals reports the same metric
   * many times, and each later report only says it is still over budget.
   */
  private checkBudget(metric: MetricWithAttribution, context: Context, unit: 'ms' | '1'): MeasurementCheck | undefined {
    const budgets = (this.budgetById ??= new Map());
    const known = budgets.get(metric.id);
    if (known !== undefined) return { budget: known, exceeded: metric.value > known };
    const check = checkMeasurement(`web_vital.${metric.name.toLowerCase()}`, undefined, metric.value, context, unit);
    if (check?.exceeded) budgets.set(metric.id, check.budget);
    return check;
  }

  /**
   * A report made while the page is hidden (web-vitals' final INP, CLS, LCP) must not wait for the
   * batch timer. The batch log processor flushes on `visibilitychange` itself, in a document
   * listener that runs after web-vitals' window capture listeners, so reports made in that dispatch
   * are in its flush. But the processor ignores a flush requested while one is in flight, and a
   * report can come later (an idle callback, pagehide): so flush once more after this task, and
   * again after an in-flight flush ends if reports arrived meanwhile.
   */
  private flushSoon(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, 0);
  }

  private flush(): void {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    Promise.allSettled((this.providers ?? []).map((p) => p?.forceFlush?.())).then(() => {
      this.flushing = false;
      if (!this.flushAgain) return;
      this.flushAgain = false;
      this.flush();
    });
  }
}

/** The trace context of the interaction span that was the INP interaction, else the root context. */
export function inpContext(metric: MetricWithAttribution): Context {
  if (metric.name !== 'INP') return ROOT_CONTEXT;
  const at = metric.attribution.interactionTime ?? metric.entries[0]?.startTime;
  const hit = at === undefined ? undefined : interactionAt(at);
  return hit ? trace.setSpanContext(ROOT_CONTEXT, hit.spanContext) : ROOT_CONTEXT;
}
