import type { Diagnostics } from '../diagnostics.js';
import type { OperationMetrics } from '../stats/operation-stats.js';

/** Inputs of the health score, as the overlay shows them. */
export interface HealthInputs {
  /** Violations / operations, over every operation. */
  violationRate: number;
  /** Mean over operations with a budget of max(0, p95 / budget − 1), capped at 1. */
  p95OverBudget: number;
  /** Failed / attempted exports of spans, metrics and logs. */
  exportFailureRate: number;
}

/**
 * Health score 0–100 = 100 − 50·violationRate − 30·p95OverBudget − 20·exportFailureRate,
 * clamped and rounded. All three inputs are 0..1: a session where every operation breaks its
 * budget, every p95 is at least twice its budget and every export fails scores 0.
 */
export function healthScore(inputs: HealthInputs): number {
  const raw = 100 - 50 * inputs.violationRate - 30 * inputs.p95OverBudget - 20 * inputs.exportFailureRate;
  return Math.round(Math.min(100, Math.max(0, raw)));
}

export function healthInputs(
  ops: Array<OperationMetrics & { budgetMs: number | null }>,
  diagnostics: Diagnostics,
): HealthInputs {
  const count = ops.reduce((n, o) => n + o.count, 0);
  const violations = ops.reduce((n, o) => n + o.violations, 0);
  const budgeted = ops.filter((o) => o.budgetMs !== null && o.budgetMs > 0);
  const over =
    budgeted.length === 0
      ? 0
      : budgeted.reduce((s, o) => s + Math.min(1, Math.max(0, o.p95 / o.budgetMs! - 1)), 0) / budgeted.length;
  const ledgers = [diagnostics.traces, diagnostics.metrics, diagnostics.logs];
  const failed = ledgers.reduce((n, l) => n + l.failed, 0);
  const attempted = failed + ledgers.reduce((n, l) => n + l.exported, 0);
  return {
    violationRate: count === 0 ? 0 : Math.min(1, violations / count),
    p95OverBudget: over,
    exportFailureRate: attempted === 0 ? 0 : failed / attempted,
  };
}
