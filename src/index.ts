export { register, track, activeFrametel } from './register.js';
export type { Frametel, FrametelStats } from './handle.js';
export type { FrametelOptions, SignalEndpoints, ExtraExporters } from './options.js';
export { DEFAULTS } from './options.js';
export { FrametelConfigError } from './config/errors.js';
export type { FrametelEvents, FrametelEventName, Listener } from './events.js';
export type { Diagnostics, ExportLedger } from './diagnostics.js';
export type { OperationMetrics, OperationStatsOptions } from './stats/operation-stats.js';
export type { Report, ReportFormat, ReportRow } from './stats/report.js';
export { consoleAlerts, customAlerts } from './alerts/index.js';
export type { Alert, AlertDestination, AlertsOptions, ConsoleAlertsOptions } from './alerts/index.js';
export { BudgetSpanProcessor, FRAME_BUDGET_MS, budgetPreset } from './budgets/index.js';
export type {
  BudgetEntry,
  BudgetImpact,
  BudgetMap,
  BudgetPresetName,
  BudgetSeverity,
  BudgetViolation,
} from './budgets/index.js';
export * as semconv from './semconv.js';
export { VERSION } from './version.js';
