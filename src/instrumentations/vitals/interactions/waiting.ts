import { ROOT_CONTEXT, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import {
  ATTR_UI_INTERACTION_TARGET,
  ATTR_UI_INTERACTION_TYPE,
  ATTR_UI_OPERATION,
  OP_INTERACTION,
} from '../../../semconv.js';
import type { LoafEntry } from '../loaf/loaf.js';
import { LazyInteractionSpan } from './lazy-span.js';
import type { InteractionWindow } from './matching.js';
import type { EventTimingEntry } from './types.js';

/**
 * An interaction whose span is open: started by its event, waiting for its Event Timing entry.
 * One per trusted discrete event, so it is a small class (one shape, nothing allocated for the span
 * until the span is needed).
 */
export class WaitingInteraction implements InteractionWindow {
  readonly observed: LazyInteractionSpan;
  /** The event, until its dispatch has been seen to finish (its eventPhase is then NONE). */
  event: Event | undefined;
  /** The event target, while waiting (to match the entry, which names it). */
  target: unknown;
  /** performance.now() when the event's dispatch finished (all listeners ran): the processing end. */
  processedAt: number | undefined = undefined;
  /** The deadline was pushed once because the end of the dispatch was never seen. */
  extended = false;
  entry: EventTimingEntry | undefined = undefined;
  /** performance.now() after which it stops waiting for its entry. */
  deadline: number;
  // InteractionWindow, refined as the end of the dispatch and the entry become known.
  readonly start: number;
  end = Number.POSITIVE_INFINITY;
  processingStart: number;
  processingEnd = Number.POSITIVE_INFINITY;
  /** Matched and settled, held open for web-vitals' report of it as the INP candidate. */
  held = false;
  /** The INP record's attributes, once web-vitals reported it as the INP candidate. */
  inp: Attributes | undefined = undefined;
  /** Long animation frames that overlapped it (INP attribution). */
  readonly loafs: LoafEntry[] = [];

  constructor(
    private readonly tracer: Tracer,
    readonly type: string,
    /** The event's timeStamp = its Event Timing startTime (ms, performance.now() clock). */
    readonly startTime: number,
    event: Event,
    /** `ui.interaction.target`. */
    readonly selector: string | undefined,
    deadline: number,
  ) {
    this.event = event;
    this.target = event.target;
    this.deadline = deadline;
    this.start = this.processingStart = startTime;
    this.observed = new LazyInteractionSpan(this);
  }

  /** Its handlers started traced work (so far). */
  get busy(): boolean {
    return this.observed.sawWork;
  }

  /** The span, as the root of a new trace (whatever was ambient before is another interaction). */
  startSpan(): Span {
    const attributes: Attributes = { [ATTR_UI_OPERATION]: OP_INTERACTION, [ATTR_UI_INTERACTION_TYPE]: this.type };
    if (this.selector !== undefined) attributes[ATTR_UI_INTERACTION_TARGET] = this.selector;
    return this.tracer.startSpan(
      `${OP_INTERACTION} ${this.type}`,
      { startTime: performance.timeOrigin + this.startTime, attributes },
      ROOT_CONTEXT,
    );
  }
}
