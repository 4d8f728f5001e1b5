import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/** The vitals web-vitals reports, by its names. */
export type WebVitalName = 'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB';

export interface WebVitalsInstrumentationConfig extends InstrumentationConfig {
  /** Which vitals to report. Default all five: `['LCP', 'INP', 'CLS', 'FCP', 'TTFB']`. */
  metrics?: WebVitalName[];
  /**
   * web-vitals' `reportAllChanges`: report every change of a value, not only the final value
   * (more records; useful while debugging a page). Default false.
   */
  reportAllChanges?: boolean;
}

/** The last report of one vital, as the overlay's "Vitals" section shows it. */
export interface VitalSummary {
  name: WebVitalName;
  /** ms, or the unitless score for CLS. */
  value: number;
  rating: 'good' | 'needs-improvement' | 'poor';
  /** `ms` or `1` (CLS). */
  unit: 'ms' | '1';
  /** The budget that applied (same unit), when the registered handle has one. */
  budget?: number;
  /** The trace the record went to (INP: the interaction's), when it had one. */
  traceId?: string;
  /**
   * INP so far, while the page is open: web-vitals reports INP's record only when the page is
   * hidden, but every new longest interaction as it happens; the overlay shows that one. No record
   * and no budget violation are made for it (the final report makes them).
   */
  provisional?: true;
}
