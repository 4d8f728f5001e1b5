import type { SpanContext } from '@opentelemetry/api';
import { inpCandidate, rememberInteraction } from '../interaction-registry.js';
import { EVENT_TIMING_THRESHOLD_MS, endOf } from '../support.js';
import type { CausedOperations } from './caused.js';
import { endAttributes } from './end-attributes.js';
import { type InteractionWindow, phases } from './matching.js';
import type { SlowestInteractions } from './slowest.js';
import type { WaitingInteraction } from './waiting.js';

/** Ended interactions a late long animation frame can still be parented on. */
const MAX_RECENT = 20;

/** An exported interaction, kept briefly for long animation frames reported after its end. */
export interface RecentInteraction extends InteractionWindow {
  readonly spanContext: SpanContext;
}

/**
 * The end of an interaction that stopped waiting, and what is kept of it once exported: the
 * overlay's slowest interactions, the INP registry (so an INP record can point at its span), and
 * the last few ended windows (a long animation frame reported after its interaction ended still
 * finds its parent there).
 */
export class EndedInteractions {
  /** The last exported interactions, oldest first, at most MAX_RECENT. */
  readonly recent: RecentInteraction[] = [];
  /** interactionIds of the last exported interactions (a tap's three events make one span when idle). */
  private readonly exportedIds: number[] = [];

  constructor(
    private readonly caused: CausedOperations,
    private readonly slowest: SlowestInteractions,
  ) {}

  /**
   * Ends `w`'s span at the paint its Event Timing entry reports (or its estimate), with the phases
   * and INP attribution, and keeps its records. An interaction that started no traced work gets a
   * span only when slower than `minDurationMs`, and one per interactionId; otherwise nothing.
   */
  end(w: WaitingInteraction, minDurationMs: number): void {
    const entry = w.entry;
    // No entry: Event Timing reports every event of 16 ms or more, so it painted within 16 ms; the
    // end of its dispatch is the best estimate, 16 ms the bound when that end was never seen.
    const end = entry ? endOf(entry) : (w.processedAt ?? w.startTime + EVENT_TIMING_THRESHOLD_MS);
    const id = entry?.interactionId ?? 0;
    const work = w.busy;
    const exportedIds = this.exportedIds;
    // Without work, a span only for a slow interaction, and one per interaction (tap = pointerdown,
    // pointerup and click share an interactionId); otherwise no span was ever started.
    if (!work && (entry === undefined || end - w.startTime < minDurationMs)) return;
    if (!work && id > 0 && exportedIds.includes(id)) return;
    const span = w.observed.span;
    const p = entry ? phases(entry) : undefined;
    // The INP attribution, when web-vitals reported this interaction as the INP candidate (possibly
    // before its entry reached frametel).
    const c = inpCandidate();
    const inp = w.inp ?? (id > 0 && c?.id === id ? c.attributes : undefined);
    span.setAttributes(endAttributes(entry, p, w.loafs, inp));
    span.end(performance.timeOrigin + Math.max(end, w.startTime));
    if (id > 0) {
      exportedIds.push(id);
      if (exportedIds.length > MAX_RECENT) exportedIds.shift();
    }
    const spanContext = span.spanContext();
    this.slowest.add({
      type: w.type,
      target: w.selector,
      durationMs: Math.max(end, w.startTime) - w.startTime,
      inputDelayMs: p?.inputDelay ?? 0,
      processingMs: p?.processing ?? Math.max(0, Math.min(w.processingEnd, end) - w.startTime),
      presentationDelayMs: p?.presentation ?? 0,
      operations: this.caused.of(spanContext.spanId),
      traceId: spanContext.traceId,
    });
    // Only exported interactions: an INP record must never point at a span nobody received.
    rememberInteraction({ startTime: w.startTime, spanContext, type: w.type, target: w.selector });
    const recent = this.recent;
    recent.push({
      start: w.startTime,
      end,
      processingStart: w.processingStart,
      processingEnd: Math.min(w.processingEnd, end),
      busy: work,
      spanContext,
    });
    if (recent.length > MAX_RECENT) recent.shift();
  }
}
