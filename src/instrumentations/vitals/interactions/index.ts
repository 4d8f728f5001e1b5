export { InteractionInstrumentation } from './instrumentation.js';
export { interactionOfFrame, matchEntry, phases } from './matching.js';
export { endOf as paintTime, withoutQuery } from '../support.js';
export { MAX_CLASSES, MAX_TARGET_DEPTH, targetSelector } from './target.js';
export { DEFAULT_INTERACTION_EVENTS, INTERACTION_DEFAULTS } from './types.js';
export type { EventTimingEntry, InteractionInstrumentationConfig, ResolvedInteractionConfig } from './types.js';
export { loafAttributes, longestScript, scriptAttributes } from '../loaf/loaf.js';
export type { LoafEntry, LoafScript } from '../loaf/loaf.js';
