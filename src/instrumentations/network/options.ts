import { checkArray, checkUrl, fail } from '../../config/checks.js';
import { invalid } from '../../config/errors.js';
import {
  BOOLEAN_RULE,
  ENABLED_RULE,
  functionRule,
  MS_AT_LEAST_0,
  type OptionSchema,
  validateInstrumentationOptions,
} from '../../config/instrumentation-options.js';

/** The fetch and XHR instrumentations' defaults, declared once (each option's JSDoc refers to these). */
export const NETWORK_DEFAULTS = Object.freeze({
  recordQueryValues: false,
  slowThresholdMs: 1000,
});

const ORIGINS = `an array of origins ('https://api.example.com') or RegExps`;

/**
 * `propagateTo` must be an array: a lone string is a common slip (`propagateTo: 'https://api'`) that
 * would otherwise be iterated character by character or throw a TypeError deep in upstream code.
 * Each string is an absolute http(s) origin or URL prefix (it is matched as a prefix).
 */
function checkPropagateTo(path: string, value: unknown): void {
  checkArray(path, value, ORIGINS).forEach((entry, i) => {
    if (entry instanceof RegExp) return;
    if (typeof entry !== 'string' || entry.startsWith('/')) fail(invalid(`${path}[${i}]`, ORIGINS, entry));
    checkUrl(`${path}[${i}]`, entry);
  });
}

// Only frametel's own options: everything else goes to the upstream instrumentation as given.
const SCHEMA: OptionSchema = {
  enabled: ENABLED_RULE,
  propagateTo: { check: checkPropagateTo },
  recordQueryValues: BOOLEAN_RULE,
  slowThresholdMs: MS_AT_LEAST_0,
  ignoreUrls: {
    check: (path, value) => {
      checkArray(path, value, 'an array of URL strings or RegExps').forEach((entry, i) => {
        if (typeof entry !== 'string' && !(entry instanceof RegExp)) {
          fail(invalid(`${path}[${i}]`, 'a URL string or a RegExp', entry));
        }
      });
    },
  },
  applyCustomAttributesOnSpan: functionRule('a function (span, request, result) => void'),
};

/** Throws FrametelConfigError naming `<scope>.<option>` for a bad frametel option. */
export function checkNetworkOptions<T extends object>(scope: string, config: T): T {
  return validateInstrumentationOptions(scope, config, SCHEMA, true);
}
