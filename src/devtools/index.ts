export { mountOverlay } from './overlay.js';
export type { OverlayHandle, OverlayOptions, OverlaySources } from './overlay.js';
export { healthScore, healthInputs } from './health.js';
export type { HealthInputs } from './health.js';
