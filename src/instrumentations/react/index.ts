export { RenderBoundary, withRenderTracing } from './render-boundary.js';
export type { RenderBoundaryProps } from './render-boundary.js';
export { ReactRenderInstrumentation, flushRenderCommits } from './instrumentation.js';
export type { ComponentRenderStats, ReactRenderInstrumentationConfig } from './types.js';
export { REACT_DEFAULTS } from './options.js';
