import { checkKeys, fail, isPlainObject } from '../config/checks.js';
import { describeValue, invalid, quoted } from '../config/errors.js';
import { BUDGET_PRESET_NAMES, budgetPreset } from './presets.js';
import type { BudgetEntry, BudgetMap, BudgetPresetName } from './types.js';

export const SEVERITIES = ['warning', 'error', 'critical'];
const IMPACTS = ['userVisible', 'background'];
const ENTRY_KEYS = ['budgetMs', 'severity', 'impact', 'enabled'];
const POSITIVE_MS = 'a positive number of milliseconds';

function checkMs(path: string, ms: unknown): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) fail(invalid(path, POSITIVE_MS, ms));
}

function checkEntry(path: string, entry: unknown): void {
  if (typeof entry === 'number') {
    checkMs(path, entry);
    return;
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    fail(invalid(path, `${POSITIVE_MS} or { budgetMs, severity?, impact?, enabled? }`, entry));
  }
  checkKeys(path, entry as Record<string, unknown>, ENTRY_KEYS, 'budget field');
  const e = entry as Partial<Record<keyof BudgetEntry, unknown>>;
  checkMs(`${path}.budgetMs`, e.budgetMs);
  if (e.severity !== undefined && !SEVERITIES.includes(e.severity as string)) {
    fail(invalid(`${path}.severity`, `one of ${quoted(SEVERITIES)}`, e.severity));
  }
  if (e.impact !== undefined && !IMPACTS.includes(e.impact as string)) {
    fail(invalid(`${path}.impact`, `one of 'userVisible', 'background'`, e.impact));
  }
  if (e.enabled !== undefined && typeof e.enabled !== 'boolean')
    fail(invalid(`${path}.enabled`, 'a boolean', e.enabled));
}

/**
 * Validates a budgets option (a preset name or a BudgetMap) and returns a BudgetMap the caller
 * does not share: presets are expanded, the user's object is copied, never mutated.
 * Throws FrametelConfigError naming the entry, e.g. `budgets["table.sort"]: expected a positive
 * number of milliseconds, got -3`.
 */
export function resolveBudgetsOption(value: unknown, path = 'budgets'): BudgetMap {
  if (typeof value === 'string') {
    if (!BUDGET_PRESET_NAMES.includes(value as BudgetPresetName)) {
      fail(invalid(path, `a preset (${quoted(BUDGET_PRESET_NAMES)}) or a BudgetMap object`, value));
    }
    return budgetPreset(value as BudgetPresetName);
  }
  // A plain object only: a Map or a Date has no own enumerable keys and would become an empty table.
  if (!isPlainObject(value)) {
    fail(invalid(path, `a preset ('strict', 'normal', 'relaxed') or a BudgetMap object`, value));
  }
  // No prototype: a key "__proto__" (JSON.parse makes it an own key) is a budget like any other.
  const out: BudgetMap = Object.create(null) as BudgetMap;
  for (const [key, entry] of Object.entries(value)) {
    const entryPath = `${path}[${JSON.stringify(key)}]`;
    const colon = key.indexOf(':');
    if (key.trim() === '' || colon === 0 || colon === key.length - 1) {
      const expected = '"operation" or "operation:subject"';
      fail({
        path: entryPath,
        expected,
        got: key,
        reason: `invalid budget key; expected ${expected}, got ${describeValue(key)}`,
      });
    }
    checkEntry(entryPath, entry);
    out[key] = typeof entry === 'number' ? entry : { ...(entry as BudgetEntry) };
  }
  return out;
}
