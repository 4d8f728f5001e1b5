import type { Attributes, SpanContext } from '@opentelemetry/api';

/**
 * The seam between the interaction spans and the web-vitals reports.
 *
 * InteractionInstrumentation knows the span of each user interaction; WebVitalsInstrumentation
 * learns later (from the web-vitals library, often only at page hide) which interaction was the
 * INP one, identified by its Event Timing start time (= the event's `timeStamp`). This module keeps
 * the last few interactions by start time so the INP record can be emitted in its trace. It holds
 * span contexts (ids) only, never spans, so nothing is kept alive; it is bounded, oldest out first.
 *
 * InteractionInstrumentation remembers an interaction when its span ENDS and is exported, not when
 * the event starts: most events start no traced work and are fast, so their span is never exported
 * (often never even started), and an INP record must never carry the trace and span ids of a span
 * no back end received. Ending first is no loss: web-vitals reports INP after the paint, usually
 * only when the page is hidden, long after the interaction span ended.
 */

/** One remembered interaction. */
export interface RememberedInteraction {
  /** Event Timing `startTime` of the interaction's first event (ms, performance.now() clock). */
  readonly startTime: number;
  /** The `interaction {type}` span's context. */
  readonly spanContext: SpanContext;
  /** Event type of the span (`click`, `keydown`, …). */
  readonly type: string;
  /** The short selector path of the target (`ui.interaction.target`). */
  readonly target: string | undefined;
}

/** How many interactions are remembered: INP is the worst of at most a few hundred per page. */
export const MAX_REMEMBERED_INTERACTIONS = 200;
/** Event Timing rounds `startTime` to whole (or 8 ms in some cases) milliseconds; timeStamp is finer. */
export const INTERACTION_MATCH_TOLERANCE_MS = 8;

const remembered: RememberedInteraction[] = [];

/** Notes an exported interaction span (InteractionInstrumentation calls it when the span ends). */
export function rememberInteraction(interaction: RememberedInteraction): void {
  remembered.push(interaction);
  if (remembered.length > MAX_REMEMBERED_INTERACTIONS) remembered.shift();
}

/**
 * The remembered interaction whose start time is closest to `startTime`, within `toleranceMs`;
 * undefined when none is that close (the interaction was not traced, or was forgotten).
 */
export function interactionAt(
  startTime: number,
  toleranceMs: number = INTERACTION_MATCH_TOLERANCE_MS,
): RememberedInteraction | undefined {
  let best: RememberedInteraction | undefined;
  let bestGap = toleranceMs;
  for (const candidate of remembered) {
    const gap = Math.abs(candidate.startTime - startTime);
    if (gap <= bestGap) [best, bestGap] = [candidate, gap];
  }
  return best;
}

/**
 * The other direction, while the interaction span is still open: INP attribution for the span.
 * WebVitalsInstrumentation subscribes to web-vitals' INP with `reportAllChanges`, so web-vitals
 * reports each new INP candidate (the page's worst interaction so far; p98 past 50 interactions)
 * from an idle callback (≤ 1 s) after its Event Timing entry. An interaction whose entry makes it a
 * possible candidate holds its span open until that report (bounded: see
 * InteractionInstrumentation) and then carries the INP record's attributes.
 */
export interface InpCandidate {
  /** Event Timing `interactionId` of the candidate interaction. */
  readonly id: number;
  /** The INP value it set (ms). */
  readonly value: number;
  /** The INP record's attributes (browser.web_vital.* and the ui.web_vital.* attribution). */
  readonly attributes: Attributes;
}

/** web-vitals ignores Event Timing entries shorter than this for INP (its default durationThreshold). */
export const INP_MIN_DURATION_MS = 40;

let candidate: InpCandidate | undefined;
let fed = false;
let listener: ((c: InpCandidate) => void) | undefined;

/** Whether WebVitalsInstrumentation reports INP candidates (interactions may wait for them). */
export function feedInpCandidates(on: boolean): void {
  fed = on;
}

/** A new INP candidate from web-vitals: kept as the latest and passed to the listening instrumentation. */
export function noteInpCandidate(c: InpCandidate): void {
  candidate = c;
  listener?.(c);
}

/** The latest INP candidate, if any. */
export const inpCandidate = (): InpCandidate | undefined => candidate;

/** Sets (or, with undefined, clears) the one listener for new candidates. */
export function listenInpCandidates(fn: ((c: InpCandidate) => void) | undefined): void {
  listener = fn;
}

/**
 * Whether an interaction of this Event Timing duration may become the next INP candidate, so its
 * span should wait for web-vitals' report: candidates are fed, and it is slower than the current one.
 */
export const mayBeInpCandidate = (duration: number): boolean =>
  fed && duration >= INP_MIN_DURATION_MS && duration > (candidate?.value ?? 0);

/** Forgets every interaction and candidate (tests, shutdown). */
export function forgetInteractions(): void {
  remembered.length = 0;
  candidate = undefined;
  fed = false;
}
