import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/** Options of InteractionInstrumentation; each is validated once, in the constructor. */
export interface InteractionInstrumentationConfig extends InstrumentationConfig {
  /**
   * Discrete event types that start an interaction span (capture listeners on window; the app's
   * own listeners are never wrapped). Default {@link DEFAULT_INTERACTION_EVENTS}.
   */
  events?: readonly string[];
  /**
   * An interaction whose handlers started no traced work (no signal write, table change, track(),
   * fetch, log record or long animation frame) is exported only when its input-to-paint time is
   * at least this many ms, so idle clicks cost nothing exported. Default 40.
   */
  minDurationMs?: number;
  /**
   * How long after its handlers finished an interaction waits for its Event Timing entry
   * (delivered after the next paint; none comes for events faster than 16 ms) before it ends
   * with an estimated end time. Default 1000. One timer ends all that are due, a quarter of this
   * after the earliest, so the events of one tap end in one task.
   */
  entryTimeoutMs?: number;
  /**
   * Turn `long-animation-frame` entries (Chromium) into `long_animation_frame` spans, children of
   * the interaction they overlap, and attribute the interaction's longest script. Default true.
   */
  longAnimationFrames?: boolean;
  /** A long animation frame's script gets a `ui.loaf.script` span event when it ran at least this long. Default 5. */
  minScriptDurationMs?: number;
}

/** The option values in use. */
export interface ResolvedInteractionConfig {
  readonly events: readonly string[];
  readonly minDurationMs: number;
  readonly entryTimeoutMs: number;
  readonly longAnimationFrames: boolean;
  readonly minScriptDurationMs: number;
}

/** The discrete events of a tap, a click, a key press, a text edit and a form submission. */
export const DEFAULT_INTERACTION_EVENTS: readonly string[] = Object.freeze([
  'pointerdown',
  'pointerup',
  'click',
  'keydown',
  'keyup',
  'input',
  'change',
  'submit',
]);

/** Every default, declared once. */
export const INTERACTION_DEFAULTS: ResolvedInteractionConfig = Object.freeze({
  events: DEFAULT_INTERACTION_EVENTS,
  minDurationMs: 40,
  entryTimeoutMs: 1000,
  longAnimationFrames: true,
  minScriptDurationMs: 5,
});

/** The Event Timing fields frametel reads (PerformanceEventTiming; also `first-input`). */
export interface EventTimingEntry {
  readonly entryType: string;
  readonly name: string;
  readonly startTime: number;
  readonly duration: number;
  readonly processingStart: number;
  readonly processingEnd: number;
  readonly interactionId?: number;
  readonly target?: unknown;
}
