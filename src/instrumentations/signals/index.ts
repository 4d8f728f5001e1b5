export { PreactSignalsInstrumentation } from './preact.js';
export type { PreactSignalsInstrumentationConfig, PreactSignalsModule } from './preact.js';
export { toDot } from './graph.js';
export type { SignalGraph, SignalGraphNode, SignalsInstrumentationConfig } from './types.js';
export { SignalPolyfillInstrumentation } from './polyfill.js';
export type { SignalPolyfillInstrumentationConfig, SignalPolyfillNamespace } from './polyfill.js';
export { SIGNALS_DEFAULTS } from './options.js';
export type { KeptValue, SignalValueChange } from './value-history.js';
