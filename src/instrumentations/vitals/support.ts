import { diag } from '@opentelemetry/api';

/** Entry types already announced as missing: each is said once per page, not per instance. */
const announced = new Set<string>();

/**
 * Whether this runtime delivers Performance Timeline entries of `type`; when it does not, says so
 * once through diag (`what` is what will be missing) and the caller does nothing.
 */
export function supportsEntryType(type: string, what: string): boolean {
  const types = typeof PerformanceObserver === 'function' ? PerformanceObserver.supportedEntryTypes : undefined;
  const ok = Array.isArray(types) && types.includes(type);
  if (!ok && !announced.has(type)) {
    announced.add(type);
    diag.info(`frametel: no '${type}' performance entries here; ${what} not collected`);
  }
  return ok;
}

/**
 * A URL without its query string and fragment: they can carry ids, tokens and search terms.
 * @example withoutQuery('https://cdn.example/app.js?sig=abc#x') // 'https://cdn.example/app.js'
 */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/** Event Timing reports no event faster than this (the smallest durationThreshold allowed). */
export const EVENT_TIMING_THRESHOLD_MS = 16;

/** End of a performance entry (ms, performance.now() clock): an event's paint, a frame's end. */
export const endOf = (entry: { readonly startTime: number; readonly duration: number }): number =>
  entry.startTime + entry.duration;
