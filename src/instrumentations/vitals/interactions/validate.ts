import { checkArray, checkString, fail } from '../../../config/checks.js';
import { invalid } from '../../../config/errors.js';
import {
  BOOLEAN_RULE,
  ENABLED_RULE,
  numberRule,
  type OptionSchema,
  validateInstrumentationOptions,
} from '../../../config/instrumentation-options.js';
import {
  INTERACTION_DEFAULTS,
  type InteractionInstrumentationConfig,
  type ResolvedInteractionConfig,
} from './types.js';

const MS: OptionSchema[string] = numberRule(0, 60_000, 'a number of milliseconds from 0 to 60000');

const SCHEMA: OptionSchema = {
  enabled: ENABLED_RULE,
  events: {
    check(path, value) {
      const list = checkArray(path, value, 'a non-empty array of event type names');
      if (list.length === 0) fail(invalid(path, 'a non-empty array of event type names', list));
      for (const [i, e] of list.entries()) checkString(`${path}[${i}]`, e, 'an event type name');
    },
  },
  minDurationMs: MS,
  entryTimeoutMs: MS,
  longAnimationFrames: BOOLEAN_RULE,
  minScriptDurationMs: MS,
};

/**
 * Validates the options like every instrumentation's (one FrametelConfigError naming
 * `InteractionInstrumentation.<option>`) and fills in the defaults from INTERACTION_DEFAULTS.
 */
export function resolveInteractionConfig(
  config: InteractionInstrumentationConfig | undefined,
): ResolvedInteractionConfig {
  const given = validateInstrumentationOptions('InteractionInstrumentation', config, SCHEMA);
  const resolved: Record<string, unknown> = { ...INTERACTION_DEFAULTS };
  // An option given as undefined means its default, as everywhere in frametel.
  for (const [key, value] of Object.entries(given)) if (value !== undefined) resolved[key] = value;
  if (given.events) resolved.events = [...given.events]; // a copy: the caller's array may change
  return resolved as unknown as ResolvedInteractionConfig;
}
