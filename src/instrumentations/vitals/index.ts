export { WebVitalsInstrumentation } from './web-vitals/instrumentation.js';
export type { VitalSummary, WebVitalName, WebVitalsInstrumentationConfig } from './web-vitals/types.js';
// NavigationInstrumentation and MeasureInstrumentation have their own entry points,
// `frametel/vitals/navigation` and `frametel/vitals/measures` (docs/decisions.md).
export { forgetInteractions, interactionAt, rememberInteraction } from './interaction-registry.js';
export type { RememberedInteraction } from './interaction-registry.js';
// User interactions and long animation frames (interactions/, loaf/).
export * from './interactions/index.js';
