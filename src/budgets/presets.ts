import { FrametelConfigError, invalid, quoted } from '../config/errors.js';
import {
  OP_COMPONENT_RENDER,
  OP_FETCH,
  OP_NAVIGATION,
  OP_INTERACTION,
  OP_SIGNAL_UPDATE,
  OP_TABLE_FILTER,
  OP_TABLE_PAGINATE,
  OP_TABLE_ROW_MODEL,
  OP_TABLE_SELECT,
  OP_TABLE_SORT,
  OP_WEB_VITAL_CLS,
  OP_WEB_VITAL_FCP,
  OP_WEB_VITAL_INP,
  OP_WEB_VITAL_LCP,
  OP_WEB_VITAL_TTFB,
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
  // Page-level measurements. The vitals are web.dev's published "good" thresholds (CLS is a
  // unitless score, not ms). navigation: the load event within 3 s, the point past which
  // abandonment rises steeply in field studies, and what LCP ≤ 2.5 s leaves room for.
  [OP_WEB_VITAL_LCP]: 2500,
  [OP_WEB_VITAL_INP]: 200,
  [OP_WEB_VITAL_CLS]: 0.1,
  [OP_WEB_VITAL_FCP]: 1800,
  [OP_WEB_VITAL_TTFB]: 800,
  [OP_NAVIGATION]: 3000,
  // A discrete interaction's input-to-paint time: web.dev's "good" INP threshold.
  [OP_INTERACTION]: 200,
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
    throw new FrametelConfigError(invalid('budgetPreset(name)', `one of ${quoted(BUDGET_PRESET_NAMES)}`, name));
  }
  const out: BudgetMap = {};
  for (const [key, ms] of Object.entries(NORMAL)) out[key] = ms * factor;
  return out;
}
