import { INTERACTION_MATCH_TOLERANCE_MS } from '../interaction-registry.js';
import { type LoafEntry, overlapMs } from '../loaf/loaf.js';
import { endOf } from '../support.js';
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

/**
 * An interaction's time windows (ms, performance.now() clock). `end` is open (Infinity) until its
 * entry or the end of its dispatch task is known.
 */
export interface InteractionWindow {
  /** The event's start time. */
  readonly start: number;
  /** Its paint time (entry), else the end of the dispatch task, else Infinity. */
  readonly end: number;
  /** When its handlers ran: the entry's processingStart…processingEnd, else start…end. */
  readonly processingStart: number;
  readonly processingEnd: number;
  /** Its handlers started traced work. */
  readonly busy: boolean;
}

/**
 * The interaction a long animation frame belongs to, among those whose window touches the frame:
 * the one whose handlers ran longest inside the frame (a tap's pointerdown shares the frame of the
 * click whose handler made it long, but did not make it long), then the busy one, then the one
 * sharing the most time with it, then the later one. Undefined when the frame touches none.
 *
 * @example interactionOfFrame([pointerdown, click], frame) // click: its handler ran 120 ms in the frame
 */
export function interactionOfFrame<T extends InteractionWindow>(
  windows: readonly T[],
  frame: LoafEntry,
): T | undefined {
  const frameEnd = endOf(frame);
  let best: T | undefined;
  let bestKey: number[] = [];
  for (const w of windows) {
    if (w.start > frameEnd || w.end < frame.startTime) continue;
    const key = [
      overlapMs(w.processingStart, Math.min(w.processingEnd, frameEnd), frame.startTime, frameEnd),
      w.busy ? 1 : 0,
      overlapMs(w.start, Math.min(w.end, frameEnd), frame.startTime, frameEnd),
      w.start,
    ];
    if (best === undefined || compareKeys(key, bestKey) >= 0) [best, bestKey] = [w, key];
  }
  return best;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The three phases of an interaction from its entry (ms; the paint time is rounded to 8 ms, so ≥ 0 is enforced). */
export function phases(entry: EventTimingEntry): { inputDelay: number; processing: number; presentation: number } {
  const inputDelay = Math.max(0, entry.processingStart - entry.startTime);
  const processing = Math.max(0, entry.processingEnd - entry.processingStart);
  const presentation = Math.max(0, endOf(entry) - entry.processingEnd);
  return { inputDelay, processing, presentation };
}
