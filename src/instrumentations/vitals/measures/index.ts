// `frametel/vitals/measures`: User Timing measures as spans.
export { MeasureInstrumentation } from './instrumentation.js';
export type { MeasureInstrumentationConfig } from './instrumentation.js';
