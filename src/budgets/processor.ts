import {
  ROOT_CONTEXT,
  diag,
  type Context,
  type HrTime,
  metrics,
  trace,
  type Attributes,
  type Counter,
  type MeterProvider,
  type SpanContext,
} from '@opentelemetry/api';
import { SeverityNumber, logs, type Logger, type LoggerProvider } from '@opentelemetry/api-logs';
import { hrTimeToMilliseconds, millisToHrTime } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_UI_BUDGET_ACTUAL,
  ATTR_UI_BUDGET_ACTUAL_MS,
  ATTR_UI_BUDGET_EXCEEDED,
  ATTR_UI_BUDGET_IMPACT,
  ATTR_UI_BUDGET_LIMIT,
  ATTR_UI_BUDGET_MS,
  ATTR_UI_BUDGET_SEVERITY,
  ATTR_UI_OPERATION,
  EVENT_UI_BUDGET_VIOLATION,
  METRIC_UI_BUDGET_VIOLATIONS,
  SCOPE_NAME,
  SUBJECT_ATTRIBUTES,
} from '../semconv.js';
import { VERSION } from '../version.js';
import { BudgetTable, spanSubject } from './budget-table.js';
import type { MeasurementBudgetChecker, MeasurementCheck, MeasurementUnit } from './measurement.js';
import type { BudgetMap, BudgetPresetName, BudgetSeverity, BudgetViolation, ResolvedBudget } from './types.js';
import { resolveBudgetsOption } from './validate.js';

export interface BudgetSpanProcessorOptions {
  /** A preset name or a BudgetMap. Default 'normal'. */
  budgets?: BudgetPresetName | BudgetMap;
  /** Where the `ui.budget.violations` counter goes. Default: the global MeterProvider. */
  meterProvider?: MeterProvider;
  /** Where violation log records go. Default: the global LoggerProvider. */
  loggerProvider?: LoggerProvider;
  /**
   * Called synchronously, inside span.end(), for each violation. Keep it cheap (frametel's own
   * handle only queues the violation); an exception is caught and reported through diag.
   * Default: none.
   */
  onViolation?: (violation: BudgetViolation) => void;
}

/** Epoch ms with sub-ms precision (the same clock as span times). */
function performanceNow(): number {
  return typeof performance !== 'undefined' && typeof performance.timeOrigin === 'number'
    ? performance.timeOrigin + performance.now()
    : Date.now();
}

const LOG_SEVERITY: Record<BudgetSeverity, [SeverityNumber, string]> = {
  warning: [SeverityNumber.WARN, 'WARN'],
  error: [SeverityNumber.ERROR, 'ERROR'],
  critical: [SeverityNumber.FATAL, 'FATAL'],
};

/**
 * Checks every span that carries `ui.operation` against its budget. Works with any OTel JS 2.x
 * TracerProvider, so users of a plain SDK can add it on its own.
 *
 * In `onEnding` (SDK ≥ 2.3; the span has its end time but is not frozen yet) it sets
 * `ui.budget.ms` and `ui.budget.exceeded`, and on a violation `ui.budget.severity`,
 * `ui.budget.impact` and a `ui.budget.violation` span event, so every exporter sees them. On an
 * SDK without onEnding it does the same check in `onEnd`, where the span is read-only: the
 * attributes and the span event are then missing, the log record, counter and callback are not.
 *
 * Spans that are recorded but not sampled (frametel's sampler records sampled-out operations)
 * are checked too: budgets never depend on a span being exported.
 */
export class BudgetSpanProcessor implements SpanProcessor, MeasurementBudgetChecker {
  readonly table: BudgetTable;
  private readonly onViolation: ((v: BudgetViolation) => void) | undefined;
  private readonly meterProvider: MeterProvider | undefined;
  private readonly loggerProvider: LoggerProvider | undefined;
  private counter: Counter | undefined;
  private logger: Logger | undefined;
  /** Set by the first onEnding call: the SDK supports it, so onEnd has nothing left to do. */
  private sawOnEnding = false;
  private readonly counterAttributes = new Map<string, Attributes>();
  /** Exceptions thrown by onViolation (the app's code); they never reach span.end(). */
  callbackErrors = 0;

  constructor(options: BudgetSpanProcessorOptions = {}) {
    this.table = new BudgetTable(resolveBudgetsOption(options.budgets ?? 'normal'));
    this.onViolation = options.onViolation;
    this.meterProvider = options.meterProvider;
    this.loggerProvider = options.loggerProvider;
  }

  onStart(): void {}

  onEnding(span: Span): void {
    this.sawOnEnding = true;
    this.check(span, true);
  }

  onEnd(span: ReadableSpan): void {
    if (!this.sawOnEnding) this.check(span, false);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private check(span: ReadableSpan | Span, mutable: boolean): void {
    const attributes = span.attributes;
    const operation = attributes[ATTR_UI_OPERATION];
    if (typeof operation !== 'string') return;
    const budget = this.table.forSpan(operation, attributes);
    if (budget === undefined) return;
    const actual = hrTimeToMilliseconds(span.duration);
    const exceeded = actual > budget.budgetMs;
    const writable = mutable ? (span as Span) : undefined;
    writable?.setAttribute(ATTR_UI_BUDGET_MS, budget.budgetMs);
    writable?.setAttribute(ATTR_UI_BUDGET_EXCEEDED, exceeded);
    if (exceeded) this.violated(span, writable, operation, spanSubject(attributes), budget, actual);
  }

  private violated(
    span: ReadableSpan,
    writable: Span | undefined,
    operation: string,
    subject: string | undefined,
    budget: ResolvedBudget,
    actual: number,
  ): void {
    const details: Attributes = {
      [ATTR_UI_BUDGET_ACTUAL_MS]: actual,
      [ATTR_UI_BUDGET_MS]: budget.budgetMs,
      [ATTR_UI_BUDGET_SEVERITY]: budget.severity,
      [ATTR_UI_BUDGET_IMPACT]: budget.impact,
    };
    if (writable) {
      writable.setAttribute(ATTR_UI_BUDGET_SEVERITY, budget.severity);
      writable.setAttribute(ATTR_UI_BUDGET_IMPACT, budget.impact);
      writable.addEvent(EVENT_UI_BUDGET_VIOLATION, details, span.endTime);
    }
    const subjects: Attributes = {};
    for (const key of SUBJECT_ATTRIBUTES) {
      if (span.attributes[key] !== undefined) subjects[key] = span.attributes[key];
    }
    this.raise(operation, subject, budget, actual, 'ms', details, subjects, span.endTime, span.spanContext());
  }

  /**
   * Checks a measurement that is not a span (a web vital) against its budget: on a violation the
   * counter, a log record in `context`'s trace and the callback, as for a span. `unit` '1' marks a
   * unitless value (CLS): its budget is in the same unit and the log record carries
   * `ui.budget.actual`/`ui.budget.limit` instead of the `_ms` attributes. Never throws.
   */
  budgetOf(operation: string, subject: string | undefined): number | undefined {
    return this.table.resolve(operation, subject)?.budgetMs;
  }

  checkMeasurement(
    operation: string,
    subject: string | undefined,
    value: number,
    context: Context = ROOT_CONTEXT,
    unit: MeasurementUnit = 'ms',
  ): MeasurementCheck | undefined {
    try {
      if (!Number.isFinite(value)) return undefined;
      const budget = this.table.resolve(operation, subject);
      if (budget === undefined) return undefined;
      const exceeded = value > budget.budgetMs;
      if (exceeded) {
        const details: Attributes =
          unit === 'ms'
            ? { [ATTR_UI_BUDGET_ACTUAL_MS]: value, [ATTR_UI_BUDGET_MS]: budget.budgetMs }
            : { [ATTR_UI_BUDGET_ACTUAL]: value, [ATTR_UI_BUDGET_LIMIT]: budget.budgetMs };
        details[ATTR_UI_BUDGET_SEVERITY] = budget.severity;
        details[ATTR_UI_BUDGET_IMPACT] = budget.impact;
        const spanContext = trace.getSpanContext(context);
        const now = millisToHrTime(performanceNow());
        this.raise(operation, subject, budget, value, unit, details, {}, now, spanContext);
      }
      return { budget: budget.budgetMs, exceeded };
    } catch (error) {
      this.callbackErrors++;
      diag.error('frametel: BudgetSpanProcessor.checkMeasurement failed', error);
      return undefined;
    }
  }

  /** Counter, log record and callback of one violation (span or measurement). */
  private raise(
    operation: string,
    subject: string | undefined,
    budget: ResolvedBudget,
    actual: number,
    unit: MeasurementUnit,
    details: Attributes,
    subjects: Attributes,
    at: HrTime,
    spanContext: SpanContext | undefined,
  ): void {
    this.getCounter().add(1, this.counterAttributesFor(operation, budget.severity));
    const [severityNumber, severityText] = LOG_SEVERITY[budget.severity];
    const suffix = unit === 'ms' ? ' ms' : '';
    const value = unit === 'ms' ? actual.toFixed(2) : String(Math.round(actual * 1e4) / 1e4);
    this.getLogger().emit({
      eventName: EVENT_UI_BUDGET_VIOLATION,
      severityNumber,
      severityText,
      body: `${subject ? `${operation} ${subject}` : operation} ${unit === 'ms' ? 'took' : 'was'} ${value}${suffix}, budget ${budget.budgetMs}${suffix}`,
      attributes: { [ATTR_UI_OPERATION]: operation, ...details, ...subjects },
      timestamp: at,
      context: spanContext ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT,
    });
    if (this.onViolation === undefined) return;
    const violation: BudgetViolation = {
      operation,
      actual,
      budget: budget.budgetMs,
      severity: budget.severity,
      impact: budget.impact,
      timestamp: hrTimeToMilliseconds(at),
      traceId: spanContext?.traceId ?? '',
      spanId: spanContext?.spanId ?? '',
    };
    if (subject !== undefined) violation.subject = subject;
    if (unit !== 'ms') violation.unit = unit;
    try {
      this.onViolation(violation);
    } catch (error) {
      this.callbackErrors++;
      diag.error('frametel: BudgetSpanProcessor onViolation callback threw', error);
    }
  }

  // Instruments are created on first use so a processor built before the global providers are
  // registered still reaches them.
  private getCounter(): Counter {
    if (this.counter === undefined) {
      const meter = (this.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE_NAME, VERSION);
      this.counter = meter.createCounter(METRIC_UI_BUDGET_VIOLATIONS, {
        description: 'Operations that took longer than their budget',
        unit: '{violation}',
      });
    }
    return this.counter;
  }

  private getLogger(): Logger {
    this.logger ??= (this.loggerProvider ?? logs.getLoggerProvider()).getLogger(SCOPE_NAME, VERSION);
    return this.logger;
  }

  private counterAttributesFor(operation: string, severity: BudgetSeverity): Attributes {
    const key = `${operation}\u0000${severity}`;
    let attrs = this.counterAttributes.get(key);
    if (attrs === undefined) {
      attrs = { [ATTR_UI_OPERATION]: operation, [ATTR_UI_BUDGET_SEVERITY]: severity };
      this.counterAttributes.set(key, attrs);
    }
    return attrs;
  }
}
