import type { BudgetTable } from '../budgets/budget-table.js';
import type { OperationMetrics, OperationStatsBase as OperationStats } from './operation-stats-base.js';

export type ReportFormat = 'json' | 'csv';

/** One row of a report: an operation's stats, its effective budget and its violations. */
export interface ReportRow extends OperationMetrics {
  /** The operation-level budget in ms (subject-specific budgets are not shown), or null. */
  budgetMs: number | null;
}

export interface Report {
  service: string;
  /** ISO 8601. */
  generatedAt: string;
  operations: ReportRow[];
}

const CSV_COLUMNS: ReadonlyArray<[string, (r: ReportRow) => string | number]> = [
  ['operation', (r) => r.operation],
  ['count', (r) => r.count],
  ['avg_ms', (r) => round(r.avgTime)],
  ['min_ms', (r) => round(r.minTime)],
  ['max_ms', (r) => round(r.maxTime)],
  ['total_ms', (r) => round(r.totalTime)],
  ['p50_ms', (r) => round(r.p50)],
  ['p95_ms', (r) => round(r.p95)],
  ['p99_ms', (r) => round(r.p99)],
  ['last_executed', (r) => new Date(r.lastExecuted).toISOString()],
  ['budget_ms', (r) => (r.budgetMs === null ? '' : r.budgetMs)],
  ['violations', (r) => r.violations],
];

/** Microsecond precision is all a millisecond report needs. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export function buildReport(service: string, stats: OperationStats, budgets: BudgetTable, now = Date.now()): Report {
  return {
    service,
    generatedAt: new Date(now).toISOString(),
    operations: stats.all().map((m) => ({ ...m, budgetMs: budgets.operationBudget(m.operation)?.budgetMs ?? null })),
  };
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value); // digits, '.', '-', 'e' never need quoting
  const text = value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV: a header row, one row per operation, CRLF line breaks. */
export function reportToCsv(report: Report): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const row of report.operations) lines.push(CSV_COLUMNS.map(([, get]) => csvField(get(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function formatReport(report: Report, format: ReportFormat): string {
  if (format === 'csv') return reportToCsv(report);
  const rounded = {
    ...report,
    operations: report.operations.map((r) => ({
      ...r,
      avgTime: round(r.avgTime),
      minTime: round(r.minTime),
      maxTime: round(r.maxTime),
      totalTime: round(r.totalTime),
      p50: round(r.p50),
      p95: round(r.p95),
      p99: round(r.p99),
    })),
  };
  return JSON.stringify(rounded, null, 2);
}
