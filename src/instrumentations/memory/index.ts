export { MemoryInstrumentation, growthRate, heapUsedBytes } from './instrumentation.js';
export type { HeapSnapshot, MemoryInstrumentationConfig, SuspectedLeak } from './types.js';
