export { TracedErrorBoundary } from './react.js';
export type { TracedErrorBoundaryProps } from './react.js';
