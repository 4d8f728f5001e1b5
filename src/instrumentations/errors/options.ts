import {
  ENABLED_RULE,
  functionRule,
  methodsRule,
  MS_AT_LEAST_0,
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
  maxFrames: { kind: 'number', min: 0, max: 1000, integer: true, expected: 'an integer from 0 to 1000' },
  tags: stringsRule('an object of tag names to string values'),
  captureConsole: { kind: 'boolean' },
  sentry: methodsRule(['capture'], 'sentryBridge(Sentry, { dsn }) from frametel/errors/sentry'),
};

/** Throws FrametelConfigError naming `ErrorInstrumentation.<option>` for a bad option. */
export function checkErrorOptions(config: ErrorInstrumentationConfig | undefined): ErrorInstrumentationConfig {
  return validateInstrumentationOptions('ErrorInstrumentation', config, SCHEMA);
}
