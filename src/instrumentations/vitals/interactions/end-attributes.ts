import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_UI_INTERACTION_ID,
  ATTR_UI_INTERACTION_INPUT_DELAY_MS,
  ATTR_UI_INTERACTION_LONGEST_SCRIPT_DURATION_MS,
  ATTR_UI_INTERACTION_LONGEST_SCRIPT_FUNCTION_NAME,
  ATTR_UI_INTERACTION_LONGEST_SCRIPT_INVOKER,
  ATTR_UI_INTERACTION_LONGEST_SCRIPT_SOURCE_URL,
  ATTR_UI_INTERACTION_PRESENTATION_DELAY_MS,
  ATTR_UI_INTERACTION_PROCESSING_MS,
  ATTR_UI_INTERACTION_TIMING_SOURCE,
} from '../../../semconv.js';
import { type LoafEntry, longestScript } from '../loaf/loaf.js';
import { withoutQuery } from '../support.js';
import type { phases } from './matching.js';
import type { EventTimingEntry } from './types.js';

/**
 * What an interaction span gets when it ends, as one object for one setAttributes call (the SDK
 * sanitizes per call): how it was timed, its interactionId, the three phases of its Event Timing
 * entry (`p`, without one: none), the longest script of the long animation frames it overlapped
 * (its source URL without query string), and web-vitals' INP attribution (`inp`) when it was the
 * INP interaction, which wins over the rest.
 */
export function endAttributes(
  entry: EventTimingEntry | undefined,
  p: ReturnType<typeof phases> | undefined,
  loafs: readonly LoafEntry[],
  inp: Attributes | undefined,
): Attributes {
  const attributes: Attributes = {
    [ATTR_UI_INTERACTION_TIMING_SOURCE]: entry ? 'event_timing' : 'estimated',
  };
  const id = entry?.interactionId ?? 0;
  if (id > 0) attributes[ATTR_UI_INTERACTION_ID] = id;
  if (p) {
    attributes[ATTR_UI_INTERACTION_INPUT_DELAY_MS] = p.inputDelay;
    attributes[ATTR_UI_INTERACTION_PROCESSING_MS] = p.processing;
    attributes[ATTR_UI_INTERACTION_PRESENTATION_DELAY_MS] = p.presentation;
  }
  const script = longestScript(loafs);
  if (script) {
    attributes[ATTR_UI_INTERACTION_LONGEST_SCRIPT_INVOKER] = script.invoker ?? '';
    attributes[ATTR_UI_INTERACTION_LONGEST_SCRIPT_SOURCE_URL] = withoutQuery(script.sourceURL ?? '');
    attributes[ATTR_UI_INTERACTION_LONGEST_SCRIPT_FUNCTION_NAME] = script.sourceFunctionName ?? '';
    attributes[ATTR_UI_INTERACTION_LONGEST_SCRIPT_DURATION_MS] = script.duration;
  }
  return inp ? Object.assign(attributes, inp) : attributes;
}
