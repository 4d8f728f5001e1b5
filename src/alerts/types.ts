import type { BudgetSeverity, BudgetViolation } from '../budgets/types.js';

/**
 * Where in-process alerts go. `send` runs asynchronously, after the operation finished; a throw
 * or a rejected promise is caught, reported through diag and counted in `ft.diagnostics()`.
 */
export interface AlertDestination {
  /** Shown in diagnostics when the destination fails. */
  readonly name: string;
  send(violation: BudgetViolation): void | Promise<void>;
}

export interface AlertsOptions {
  /** Default []. */
  destinations?: AlertDestination[];
  /** Violations below this severity are not sent to destinations (listeners get all). Default 'warning'. */
  minSeverity?: BudgetSeverity;
  /**
   * At most one alert per operation[:subject] within this many ms; the suppressed ones are
   * counted in the next alert's `suppressed` field. 0 sends every violation. Default 1000.
   */
  throttleMs?: number;
}

/** A violation as an alert destination receives it. */
export interface Alert extends BudgetViolation {
  /** Violations of the same operation[:subject] suppressed by throttling since the last alert. */
  suppressed: number;
}
