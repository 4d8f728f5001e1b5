import {
  BOOLEAN_RULE,
  ENABLED_RULE,
  numberRule,
  type OptionSchema,
  validateInstrumentationOptions,
} from '../../config/instrumentation-options.js';
import type { MemoryInstrumentationConfig } from './types.js';

/** MemoryInstrumentation's defaults, declared once (the JSDoc of each option refers to these). */
export const MEMORY_DEFAULTS = Object.freeze({
  snapshotIntervalMs: 10_000,
  growthThresholdBytesPerMin: 1024 * 1024,
  sustainedSnapshots: 6,
  countListeners: false,
});

const SCHEMA: OptionSchema = {
  enabled: ENABLED_RULE,
  // 0 turns the timer off; anything else is a timer period (setInterval would coerce '5s' to NaN).
  snapshotIntervalMs: numberRule(0, 2_147_483_647, 'a number of milliseconds ≥ 0 (0 turns the timer off)'),
  growthThresholdBytesPerMin: numberRule(0, Number.POSITIVE_INFINITY, 'a number of bytes per minute ≥ 0'),
  // 0 would count every steady snapshot as "sustained growth".
  sustainedSnapshots: numberRule(1, 1000, 'an integer from 1 to 1000', true),
  countListeners: BOOLEAN_RULE,
};

/** Throws FrametelConfigError naming `MemoryInstrumentation.<option>` for a bad option. */
export function checkMemoryOptions(config: MemoryInstrumentationConfig | undefined): MemoryInstrumentationConfig {
  return validateInstrumentationOptions('MemoryInstrumentation', config, SCHEMA);
}
