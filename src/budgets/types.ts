/** How bad a violation is; maps to the log record's severity (WARN, ERROR, FATAL). */
export type BudgetSeverity = 'warning' | 'error' | 'critical';
/** Whether a slow operation is something the user sees (a frame, a click) or background work. */
export type BudgetImpact = 'userVisible' | 'background';
export type BudgetPresetName = 'strict' | 'normal' | 'relaxed';

/** One budget, in the long form. */
export interface BudgetEntry {
  /** The budget in milliseconds; a duration strictly above it is a violation. */
  budgetMs: number;
  /** Default 'warning'. */
  severity?: BudgetSeverity;
  /** Default 'userVisible'. */
  impact?: BudgetImpact;
  /**
   * Default true. `false` switches the budget off for this key; a disabled `operation:subject`
   * entry does not fall back to the `operation` entry (that is how one subject is exempted).
   */
  enabled?: boolean;
}

/**
 * Budgets by key. A key is an operation (`table.sort`) or `operation:subject`
 * (`table.sort:Orders`, `component.render:Cart`), where subject is the span's
 * ui.component.name, ui.signal.name or ui.table.name. The most specific key wins.
 * A number is shorthand for `{ budgetMs: number }`.
 */
export type BudgetMap = Record<string, number | BudgetEntry>;

/** A budget after defaults were applied and the most specific key was chosen. */
export interface ResolvedBudget {
  /** The key of the BudgetMap entry that matched. */
  readonly key: string;
  readonly budgetMs: number;
  readonly severity: BudgetSeverity;
  readonly impact: BudgetImpact;
}

/**
 * What `ft.on('budgetViolation', fn)` listeners and alert destinations receive. All times in ms;
 * `actual` and `budget` too, except for unitless measurements (`unit: '1'`, e.g. `web_vital.cls`).
 */
export interface BudgetViolation {
  operation: string;
  /** Component, signal or table name, when the span had one. */
  subject?: string;
  /** Measured duration (ms), or the measured value when `unit` is '1'. */
  actual: number;
  /** The budget it broke (ms), or in the measurement's unit when `unit` is '1'. */
  budget: number;
  /** Set to '1' for unitless measurements (CLS); absent means milliseconds. */
  unit?: '1';
  severity: BudgetSeverity;
  impact: BudgetImpact;
  /** Epoch ms of the end of the operation. */
  timestamp: number;
  /** The trace of the span (or, for a measurement, of its context); '' when it had none (e.g. LCP). */
  traceId: string;
  spanId: string;
}
