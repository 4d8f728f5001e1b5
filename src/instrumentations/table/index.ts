export { TableInstrumentation } from './instrumentation.js';
export { tableTelemetryFeature } from './v9-feature.js';
export type { TableInstrumentationConfig, TableTelemetryOptions } from './types.js';
export { instrumentTable } from './v8.js';
