import {
  BOOLEAN_RULE,
  ENABLED_RULE,
  functionRule,
  methodsRule,
  MS_AT_LEAST_0,
  numberRule,
  type OptionSchema,
  stringsRule,
  validateInstrumentationOptions,
} from '../../config/instrumentation-options.js';
import type { ErrorInstrumentationConfig } from './types.js';

/** ErrorInstrumentation's defaults, declared once (the JSDoc of each option refers to these). */
export const ERROR_DEFAULTS = Object.freeze({
  dedupeWindowMs: 5000,
  maxFrames: 50,
  captureConsole: false,
  tags: Object.freeze({}) as Readonly<Record<string, string>>,
});

const SCHEMA: OptionSchema = {
  enabled: ENABLED_RULE,
  beforeSend: functionRule('a function (event) => event | null'),
  dedupeWindowMs: MS_AT_LEAST_0,
  maxFrames: numberRule(0, 1000, 'an integer from 0 to 1000', true),
  tags: stringsRule('an object of tag names to string values'),
  captureConsole: BOOLEAN_RULE,
  sentry: methodsRule(['capture'], 'sentryBridge(Sentry, { dsn }) from frametel/errors/sentry'),
};

/** Throws FrametelConfigError naming `ErrorInstrumentation.<option>` for a bad option. */
export function checkErrorOptions(config: ErrorInstrumentationConfig | undefined): ErrorInstrumentationConfig {
  return validateInstrumentationOptions('ErrorInstrumentation', config, SCHEMA);
}
