export { ErrorInstrumentation, captureException } from './instrumentation.js';
export type { CapturedError, CaptureOptions, ErrorFrame, ErrorInstrumentationConfig } from './types.js';
export type { ConsoleEntry } from './console-log.js';
