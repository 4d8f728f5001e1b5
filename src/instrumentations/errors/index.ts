export { ErrorInstrumentation, captureException } from './instrumentation.js';
export type { CapturedError, CaptureOptions, ErrorFrame, ErrorInstrumentationConfig } from './types.js';
export { ERROR_DEFAULTS } from './options.js';
export type { ConsoleEntry } from './console-log.js';
