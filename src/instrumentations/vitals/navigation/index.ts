// `frametel/vitals/navigation`: the page load as a trace (instrumentation-document-load + ui.operation).
export { NavigationInstrumentation } from './instrumentation.js';
export type { NavigationInstrumentationConfig } from './instrumentation.js';
