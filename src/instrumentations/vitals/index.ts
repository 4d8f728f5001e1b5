export { WebVitalsInstrumentation } from './web-vitals/instrumentation.js';
export type { VitalSummary, WebVitalName, WebVitalsInstrumentationConfig } from './web-vitals/types.js';
export { NavigationInstrumentation } from './navigation/instrumentation.js';
export type { NavigationInstrumentationConfig } from './navigation/instrumentation.js';
export { MeasureInstrumentation } from './measures/instrumentation.js';
export type { MeasureInstrumentationConfig } from './measures/instrumentation.js';
export { forgetInteractions, interactionAt, rememberInteraction } from './interaction-registry.js';
export type { RememberedInteraction } from './interaction-registry.js';
// User interactions and long animation frames (interactions/, loaf/).
export * from './interactions/index.js';
