import {
  ENABLED_RULE,
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
  snapshotIntervalMs: {
    kind: 'number',
    min: 0,
    max: 2_147_483_647,
    expected: 'a number of milliseconds ≥ 0 (0 turns the timer off)',
  },
  growthThresholdBytesPerMin: { kind: 'number', min: 0, expected: 'a number of bytes per minute ≥ 0' },
  // 0 would count every steady snapshot as "sustained growth".
  sustainedSnapshots: { kind: 'number', min: 1, max: 1000, integer: true, expected: 'an integer from 1 to 1000' },
  countListeners: { kind: 'boolean' },
};

/** Throws FrametelConfigError naming `MemoryInstrumentation.<option>` for a bad option. */
export function checkMemoryOptions(config: MemoryInstrumentationConfig | undefined): MemoryInstrumentationConfig {
  return validateInstrumentationOptions('MemoryInstrumentation', config, SCHEMA);
}
