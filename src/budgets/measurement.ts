import type { Context } from '@opentelemetry/api';

/**
 * Budgets for measurements that are not spans (a web vital, a score), reachable by any
 * instrumentation without importing the runtime.
 *
 * Spans get their budgets from BudgetSpanProcessor on span end. A Core Web Vital has no span: it
 * is a number reported by a library, often long after the work it measures. The runtime registers
 * its processor here (like src/context/causal.ts, one process-wide slot: there is one active
 * handle), and an instrumentation calls `checkMeasurement()`; with no handle registered it is a
 * no-op. The check raises exactly what a span's violation raises (counter, log record in
 * `context`'s trace, `ft.on('budgetViolation')`), only the span attributes and span event are
 * missing because there is no span.
 */

/** `ms` for times; `1` for unitless values such as the CLS score (the budget is then in the same unit). */
export type MeasurementUnit = 'ms' | '1';

/** What a check found: the budget that applied and whether the value broke it. */
export interface MeasurementCheck {
  /** The budget, in the measurement's unit. */
  readonly budget: number;
  /** true when value > budget. */
  readonly exceeded: boolean;
}

/** The part of BudgetSpanProcessor the registry needs. */
export interface MeasurementBudgetChecker {
  checkMeasurement(
    operation: string,
    subject: string | undefined,
    value: number,
    context?: Context,
    unit?: MeasurementUnit,
  ): MeasurementCheck | undefined;
  /** The budget that applies to `operation` (or `operation:subject`), checking no value. */
  budgetOf(operation: string, subject: string | undefined): number | undefined;
}

let checker: MeasurementBudgetChecker | undefined;

/** Makes `c` the checker `checkMeasurement()` uses (the runtime does this; undefined clears it). */
export function setMeasurementChecker(c: MeasurementBudgetChecker | undefined): void {
  checker = c;
}

/** The registered checker, if any (the runtime clears it on shutdown only when it is its own). */
export function measurementChecker(): MeasurementBudgetChecker | undefined {
  return checker;
}

/**
 * Checks `value` against the budget of `operation` (or `operation:subject`), e.g.
 * `checkMeasurement('web_vital.lcp', undefined, 3100)`. A violation's log record goes into the
 * trace of the span in `context`. Returns undefined when no handle is registered or no budget
 * applies. Never throws.
 */
export function checkMeasurement(
  operation: string,
  subject: string | undefined,
  value: number,
  context?: Context,
  unit: MeasurementUnit = 'ms',
): MeasurementCheck | undefined {
  return checker?.checkMeasurement(operation, subject, value, context, unit);
}

/**
 * The budget `checkMeasurement()` would apply, without a value to check (nothing is raised): for
 * showing a value that is not final yet, such as the INP of a page still open, next to its budget.
 */
export function measurementBudget(operation: string, subject?: string): number | undefined {
  return checker?.budgetOf(operation, subject);
}
