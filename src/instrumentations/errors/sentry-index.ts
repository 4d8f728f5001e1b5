export { sentryBridge } from './sentry.js';
export type { SentryBridge, SentryLike } from './sentry.js';
