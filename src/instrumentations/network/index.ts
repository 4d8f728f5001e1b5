export { NetworkInstrumentation } from './instrumentation.js';
export type { NetworkInstrumentationConfig } from './instrumentation.js';
export { redactUrl, routeTemplate } from './route.js';
export type { RequestRecord, RouteStats } from './stats.js';
export { XhrNetworkInstrumentation } from './xhr.js';
export type { XhrNetworkInstrumentationConfig } from './xhr.js';
export { NETWORK_DEFAULTS } from './options.js';
