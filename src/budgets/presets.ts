import { FrametelConfigError, invalid } from '../config/errors.js';
import type { BudgetMap, BudgetPresetName } from './types.js';

/** One frame at 60 Hz, rounded down: the budget of anything that must fit in a frame. */
export const FRAME_BUDGET_MS = 16;

// The product spec's defaults. Everything a user waits on in one frame gets a frame; a sort or a
// filter may take a few frames; a signal write must leave room for the render it triggers.
const NORMAL: Readonly<Record<string, number>> = Object.freeze({
  'table.row_model': FRAME_BUDGET_MS,
  'table.sort': 50,
  'table.filter': 100,
  'table.paginate': 10,
  'table.select': 5,
  'component.render': FRAME_BUDGET_MS,
  'signal.update': 1,
  fetch: 1000,
});

const FACTORS: Readonly<Record<BudgetPresetName, number>> = { strict: 0.5, normal: 1, relaxed: 2 };

export const BUDGET_PRESET_NAMES = Object.keys(FACTORS) as BudgetPresetName[];

/**
 * A fresh copy of a preset's budgets (ms): 'normal' is the product default, 'strict' halves
 * every value and 'relaxed' doubles it. Spread it to override single keys:
 * `{ ...budgetPreset('strict'), 'table.sort': 80 }`.
 */
export function budgetPreset(name: BudgetPresetName): BudgetMap {
  const factor = FACTORS[name];
  if (factor === undefined || !Object.hasOwn(FACTORS, name)) {
    throw new FrametelConfigError(
      invalid('budgetPreset(name)', `one of ${BUDGET_PRESET_NAMES.map((n) => `'${n}'`).join(', ')}`, name),
    );
  }
  const out: BudgetMap = {};
  for (const [key, ms] of Object.entries(NORMAL)) out[key] = ms * factor;
  return out;
}
