import type { WebVitalName } from './types.js';

/** Every vital web-vitals reports; the default of the `metrics` option. */
export const WEB_VITAL_NAMES: readonly WebVitalName[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'];

/** The Performance Timeline entry type each vital needs; a browser without it reports nothing. */
export const ENTRY_TYPE: Readonly<Record<WebVitalName, string>> = {
  LCP: 'largest-contentful-paint',
  INP: 'event',
  CLS: 'layout-shift',
  FCP: 'paint',
  TTFB: 'navigation',
};

/** Histogram buckets (s) with edges on the published thresholds (0.2/0.5 INP, 0.8 TTFB, 1.8 FCP, 2.5/4 LCP). */
export const VITAL_BUCKETS_S = [0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1, 1.8, 2.5, 3, 4, 6, 10, 20];
/** CLS buckets (unitless) with edges on its thresholds 0.1 and 0.25. */
export const CLS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1];
