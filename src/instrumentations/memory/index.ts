export { MemoryInstrumentation, growthRate, heapReading, heapUsedBytes } from './instrumentation.js';
export type { HeapReading } from './instrumentation.js';
export { LifecycleRegistry, markDisposed, trackLifecycle } from './lifecycle.js';
export type { HeapSnapshot, MemoryInstrumentationConfig, SuspectedLeak } from './types.js';
export { MEMORY_DEFAULTS } from './options.js';
