import { FRAME_BUDGET_MS } from '../../budgets/frame.js';
import {
  BOOLEAN_RULE,
  ENABLED_RULE,
  MS_AT_LEAST_0,
  numberRule,
  type OptionSchema,
  validateInstrumentationOptions,
} from '../../config/instrumentation-options.js';
import type { ReactRenderInstrumentationConfig } from './types.js';

/** ReactRenderInstrumentation's defaults, declared once (the JSDoc of each option refers to these). */
export const REACT_DEFAULTS = Object.freeze({
  minSpanDurationMs: 0,
  maxComponents: 500,
  auto: false,
  /** A render that does not fit in a frame is worth a span. */
  slowThresholdMs: FRAME_BUDGET_MS,
  maxFibersPerCommit: 20_000,
});

const SCHEMA: OptionSchema = {
  enabled: ENABLED_RULE,
  minSpanDurationMs: MS_AT_LEAST_0,
  maxComponents: numberRule(1, 1e6, 'an integer from 1 to 1000000', true),
  auto: BOOLEAN_RULE,
  slowThresholdMs: MS_AT_LEAST_0,
  maxFibersPerCommit: numberRule(1, 1e7, 'an integer from 1 to 10000000', true),
};

/** Throws FrametelConfigError naming `ReactRenderInstrumentation.<option>` for a bad option. */
export function checkReactOptions(
  config: ReactRenderInstrumentationConfig | undefined,
): ReactRenderInstrumentationConfig {
  return validateInstrumentationOptions('ReactRenderInstrumentation', config, SCHEMA);
}
