// `frametel/vitals`: the two instrumentations of issue #12. NavigationInstrumentation and
// MeasureInstrumentation have their own entry points, `frametel/vitals/navigation` and
// `frametel/vitals/measures` (docs/decisions.md). Only the public API is exported here: every
// name exported from an entry point stays in an app's bundle.
export { WebVitalsInstrumentation } from './web-vitals/instrumentation.js';
export type { VitalSummary, WebVitalName, WebVitalsInstrumentationConfig } from './web-vitals/types.js';
export { InteractionInstrumentation } from './interactions/instrumentation.js';
export type { InteractionInstrumentationConfig } from './interactions/types.js';
export type { SlowInteraction } from './interactions/slowest.js';
// For pages that make their own interaction spans: the INP record then goes to their trace.
export { rememberInteraction } from './interaction-registry.js';
export type { RememberedInteraction } from './interaction-registry.js';
