import type { Frametel } from '../../handle.js';
import type { OperationMetrics } from '../../stats/operation-stats.js';

/**
 * One part of the overlay panel. The overlay calls `collect()` on every refresh and `render()`
 * when what any section collected changed; each call is guarded on its own, so a section that
 * throws shows a short note (counted in `OverlayHandle.sectionErrors`) and the others still render.
 */
export interface OverlaySection<T = unknown> {
  /** Stable id; also the CSS class of the section's container. */
  readonly id: string;
  /** The heading. */
  readonly title: string;
  /** 'wide' spans the panel; 'column' goes into the two-column grid. Default 'wide'. */
  readonly layout?: 'wide' | 'column';
  /** Plain, JSON-serialisable data shown by this refresh, or null to hide the section. */
  collect(): T | null;
  render(data: T): HTMLElement;
  /** Called once on unmount: listeners and subscriptions go here. */
  dispose?(): void;
}

/** What a section factory gets from the overlay. */
export interface SectionContext {
  readonly ft: Frametel;
  /** `ft.stats.all()`, read once per refresh and shared by the sections. */
  operations(): OperationMetrics[];
  /** Rows of short lists (components, signals, requests). */
  readonly listSize: number;
  /** Repaint now (e.g. after a click changed what a section shows). */
  refresh(): void;
  /** Opens the trace view on `traceId` (a no-op without a span buffer); `spanId` is highlighted. */
  openTrace(traceId: string, spanId?: string): void;
}

/** Builds a section for one mounted overlay; the `sections` option takes these. */
export type OverlaySectionFactory = (context: SectionContext) => OverlaySection<unknown>;
