import { checkArray, checkBoolean, checkNumber, checkObject, checkString, fail } from '../../../config/checks.js';
import { invalid } from '../../../config/errors.js';
import { INTERACTION_DEFAULTS, type ResolvedInteractionConfig } from './types.js';

const KNOWN = ['enabled', 'events', 'minDurationMs', 'entryTimeoutMs', 'longAnimationFrames', 'minScriptDurationMs'];
const PATH = 'InteractionInstrumentation';

/** Validates the options (one FrametelConfigError naming the option) and fills in the defaults. */
export function resolveInteractionConfig(config: unknown): ResolvedInteractionConfig {
  const given = checkObject(`${PATH}(config)`, config ?? {}, KNOWN);
  const at = (key: string) => `${PATH}(config).${key}`;
  const d = INTERACTION_DEFAULTS;
  let events = d.events;
  if (given.events !== undefined) {
    const list = checkArray(at('events'), given.events, 'a non-empty array of event type names');
    if (list.length === 0) fail(invalid(at('events'), 'a non-empty array of event type names', list));
    events = Object.freeze(list.map((e, i) => checkString(`${at('events')}[${i}]`, e, 'an event type name')));
  }
  const num = (key: keyof ResolvedInteractionConfig, max: number, fallback: number) =>
    given[key] === undefined ? fallback : checkNumber(at(key), given[key], 0, max, `a number of ms from 0 to ${max}`);
  return Object.freeze({
    events,
    minDurationMs: num('minDurationMs', 60_000, d.minDurationMs),
    entryTimeoutMs: num('entryTimeoutMs', 60_000, d.entryTimeoutMs),
    longAnimationFrames:
      given.longAnimationFrames === undefined
        ? d.longAnimationFrames
        : checkBoolean(at('longAnimationFrames'), given.longAnimationFrames),
    minScriptDurationMs: num('minScriptDurationMs', 60_000, d.minScriptDurationMs),
  });
}
