import { FrametelConfigError, invalid } from '../config/errors.js';
import {
  OP_COMPONENT_RENDER,
  OP_FETCH,
  OP_SIGNAL_UPDATE,
  OP_TABLE_FILTER,
  OP_TABLE_PAGINATE,
  OP_TABLE_ROW_MODEL,
  OP_TABLE_SELECT,
  OP_TABLE_SORT,
} from '../semconv.js';
import type { BudgetMap, BudgetPresetName } from './types.js';

import { FRAME_BUDGET_MS } from './frame.js';

export { FRAME_BUDGET_MS };

// The product spec's defaults. Everything a user waits on in one frame gets a frame; a sort or a
// filter may take a few frames; a signal write must leave room for the render it triggers.
const NORMAL: Readonly<Record<string, number>> = Object.freeze({
  [OP_TABLE_ROW_MODEL]: FRAME_BUDGET_MS,
  [OP_TABLE_SORT]: 50,
  [OP_TABLE_FILTER]: 100,
  [OP_TABLE_PAGINATE]: 10,
  [OP_TABLE_SELECT]: 5,
  [OP_COMPONENT_RENDER]: FRAME_BUDGET_MS,
  [OP_SIGNAL_UPDATE]: 1,
  [OP_FETCH]: 1000,
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
