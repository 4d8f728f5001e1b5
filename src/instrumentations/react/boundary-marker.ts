/** Marks RenderBoundary's Profiler callback, so auto mode can tell frametel's boundaries apart. */
export const FRAMETEL_BOUNDARY = Symbol.for('frametel.renderBoundary');
