export { BudgetSpanProcessor } from './processor.js';
export type { BudgetSpanProcessorOptions } from './processor.js';
export { BudgetTable, spanSubject } from './budget-table.js';
export { FRAME_BUDGET_MS, budgetPreset } from './presets.js';
export { resolveBudgetsOption } from './validate.js';
export type {
  BudgetEntry,
  BudgetImpact,
  BudgetMap,
  BudgetPresetName,
  BudgetSeverity,
  BudgetViolation,
  ResolvedBudget,
} from './types.js';
export { checkMeasurement, setMeasurementChecker } from './measurement.js';
export type { MeasurementBudgetChecker, MeasurementCheck, MeasurementUnit } from './measurement.js';
