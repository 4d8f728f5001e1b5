import { INTERACTION_MATCH_TOLERANCE_MS } from '../interaction-registry.js';
import { type LoafEntry, loafEnd, overlapMs } from '../loaf/loaf.js';
import type { EventTimingEntry } from './types.js';

/**
 * Pure matching between the events frametel saw and the performance entries the browser
 * delivers later, in batches, in any order, or not at all (Event Timing reports only events of
 * 16 ms or more; entries can be dropped when the buffer is full).
 */

/** What matching needs to know of an interaction still waiting for its entry. */
export interface MatchableInteraction {
  readonly type: string;
  /** The event's timeStamp = its Event Timing startTime (ms, performance.now() clock). */
  readonly startTime: number;
  /** The event target, while waiting (Event Timing reports it unless it left the DOM). */
  readonly target: unknown;
  /** The entry once matched. */
  readonly entry: EventTimingEntry | undefined;
}

/**
 * The waiting interaction an Event Timing entry belongs to: same event type, start times within
 * `toleranceMs` (entries may be rounded), no entry yet; the same target wins over a nearer start,
 * then the nearest start. Undefined when none fits (the event started before frametel was enabled,
 * or its interaction already timed out).
 *
 * @example matchEntry([{ type: 'click', startTime: 1000.2, target: btn, entry: undefined }],
 *   { name: 'click', startTime: 1000, target: btn, … }) // that interaction
 */
export function matchEntry<T extends MatchableInteraction>(
  waiting: readonly T[],
  entry: EventTimingEntry,
  toleranceMs: number = INTERACTION_MATCH_TOLERANCE_MS,
): T | undefined {
  let best: T | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of waiting) {
    if (candidate.entry !== undefined || candidate.type !== entry.name) continue;
    const gap = Math.abs(candidate.startTime - entry.startTime);
    if (gap > toleranceMs) continue;
    const sameTarget = entry.target != null && entry.target === candidate.target;
    const score = sameTarget ? gap - toleranceMs - 1 : gap;
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

/** The input-to-paint window of an interaction; `end` is open (Infinity) until its entry is known. */
export interface InteractionWindow {
  readonly start: number;
  readonly end: number;
}

/** End of an interaction from its entry: the paint that followed it. */
export function paintTime(entry: EventTimingEntry): number {
  return entry.startTime + entry.duration;
}

/**
 * The interaction a long animation frame belongs to: the one whose window shares the most time
 * with the frame (a later start wins a tie); undefined when the frame overlaps none.
 */
export function interactionOfFrame<T extends InteractionWindow>(
  windows: readonly T[],
  frame: LoafEntry,
): T | undefined {
  let best: T | undefined;
  let bestOverlap = 0;
  const end = loafEnd(frame);
  for (const w of windows) {
    // An open window overlaps up to the frame's end.
    const shared = overlapMs(w.start, Math.min(w.end, end), frame.startTime, end);
    const touches = w.start <= end && w.end >= frame.startTime;
    if (!touches) continue;
    if (best === undefined || shared > bestOverlap || (shared === bestOverlap && w.start > best.start))
      [best, bestOverlap] = [w, shared];
  }
  return best;
}

/** The three phases of an interaction from its entry (ms; the paint time is rounded to 8 ms, so ≥ 0 is enforced). */
export function phases(entry: EventTimingEntry): { inputDelay: number; processing: number; presentation: number } {
  const inputDelay = Math.max(0, entry.processingStart - entry.startTime);
  const processing = Math.max(0, entry.processingEnd - entry.processingStart);
  const presentation = Math.max(0, paintTime(entry) - entry.processingEnd);
  return { inputDelay, processing, presentation };
}
