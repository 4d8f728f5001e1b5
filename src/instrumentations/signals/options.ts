import { fail } from '../../config/checks.js';
import { invalid } from '../../config/errors.js';
import {
  BOOLEAN_RULE,
  ENABLED_RULE,
  numberRule,
  type OptionSchema,
  validateInstrumentationOptions,
} from '../../config/instrumentation-options.js';

/** The signal instrumentations' defaults, declared once (each option's JSDoc refers to these). */
export const SIGNALS_DEFAULTS = Object.freeze({
  maxUpdatesPerFrame: 50,
  /** One frame at 60 Hz. */
  frameMs: 16.7,
  recordValues: false,
});

const COMMON: OptionSchema = {
  enabled: ENABLED_RULE,
  maxUpdatesPerFrame: numberRule(1, Number.POSITIVE_INFINITY, 'an integer ≥ 1', true),
  frameMs: numberRule(Number.MIN_VALUE, Number.POSITIVE_INFINITY, 'a number of milliseconds > 0'),
  recordValues: BOOLEAN_RULE,
};

const PREACT_MODULE = 'the @preact/signals-core module (import * as signals from "@preact/signals-core")';
const POLYFILL_SIGNAL = `the polyfill's Signal (import { Signal } from "signal-polyfill")`;

const PREACT: OptionSchema = {
  ...COMMON,
  signals: {
    check(path, value) {
      const m = value as { Signal?: { prototype?: unknown }; batch?: unknown } | null | undefined;
      if (!m?.Signal?.prototype || typeof m.batch !== 'function') fail(invalid(path, PREACT_MODULE, value));
    },
  },
};

const POLYFILL: OptionSchema = {
  ...COMMON,
  Signal: {
    check(path, value) {
      const S = value as { State?: { prototype?: unknown }; subtle?: { introspectSinks?: unknown } } | null | undefined;
      if (typeof S?.State?.prototype !== 'object' || typeof S.subtle?.introspectSinks !== 'function') {
        fail(invalid(path, POLYFILL_SIGNAL, value));
      }
    },
  },
};

/** The library is required: `undefined` is not "the default" here. */
function required<T extends object>(scope: string, config: T | undefined, key: string, expected: string): T {
  if (typeof config !== 'object' || config === null || (config as Record<string, unknown>)[key] === undefined) {
    fail(invalid(`${scope}.${key}`, expected, (config as Record<string, unknown> | undefined)?.[key]));
  }
  return config;
}

/** Throws FrametelConfigError naming `PreactSignalsInstrumentation.<option>` for a bad option. */
export function checkPreactOptions<T extends object>(config: T): T {
  const scope = 'PreactSignalsInstrumentation';
  return validateInstrumentationOptions(scope, required(scope, config, 'signals', PREACT_MODULE), PREACT);
}

/** Throws FrametelConfigError naming `SignalPolyfillInstrumentation.<option>` for a bad option. */
export function checkPolyfillOptions<T extends object>(config: T): T {
  const scope = 'SignalPolyfillInstrumentation';
  return validateInstrumentationOptions(scope, required(scope, config, 'Signal', POLYFILL_SIGNAL), POLYFILL);
}
