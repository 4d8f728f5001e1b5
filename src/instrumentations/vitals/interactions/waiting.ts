import { ROOT_CONTEXT, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import {
  ATTR_UI_INTERACTION_TARGET,
  ATTR_UI_INTERACTION_TYPE,
  ATTR_UI_OPERATION,
  OP_INTERACTION,
} from '../../../semconv.js';
import type { LoafEntry } from '../loaf/loaf.js';
import { LazyInteractionSpan, type LazySpanSource } from './lazy-span.js';
import type { InteractionWindow } from './matching.js';
import { targetSelector } from './target.js';
import type { EventTimingEntry } from './types.js';

/**
 * An interaction whose span is open: started by its event, waiting for its Event Timing entry.
 * One per trusted discrete event, so it is a small class (one shape, nothing allocated for the span
 * until the span is needed).
 */
export class WaitingInteraction implements InteractionWindow, LazySpanSource {
  // `declare` fields, assigned in the constructor in one order: one hidden class.
  declare readonly observed: LazyInteractionSpan;
  /**
   * The event target (to match the entry, which names it), held weakly: an interaction may wait
   * without a timer (an idle one until the next input), and must not keep a node the app removed —
   * a closed dialog's whole subtree — alive meanwhile. Matching loses nothing by that: Event
   * Timing's own `entry.target` is null once the node is disconnected, so a removed node could not
   * match anyway (its selector is taken at the end of the dispatch: takeSelectorIfRemoved).
   * Not the event either, which holds its target: a dispatch whose propagation the app stopped is
   * never seen to end, and its interaction would keep the event until the next input.
   */
  declare private targetRef: WeakRef<object> | undefined;
  /**
   * performance.now() when the event's dispatch finished (all listeners ran): the processing end.
   * Undefined while the dispatch runs, and for good when the app stopped its propagation.
   */
  declare processedAt: number | undefined;
  /** The deadline was pushed once because the end of the dispatch was never seen. */
  declare extended: boolean;
  declare entry: EventTimingEntry | undefined;
  /** performance.now() after which it stops waiting (for its entry, or when held for its INP report). */
  declare deadline: number;
  // InteractionWindow, refined as the end of the dispatch and the entry become known.
  declare readonly start: number;
  declare end: number;
  declare processingStart: number;
  declare processingEnd: number;
  /** Matched and settled, held open for web-vitals' report of it as the INP candidate. */
  declare held: boolean;
  /** The INP record's attributes, once web-vitals reported it as the INP candidate. */
  declare inp: Attributes | undefined;
  /** Long animation frames that overlapped it (INP attribution). */
  declare readonly loafs: LoafEntry[];
  declare private readonly tracer: Tracer;
  /** Called once, when its handlers start traced work: only a busy interaction needs the sweep timer. */
  declare readonly becameBusy: () => void;
  declare readonly type: string;
  /** The event's timeStamp = its Event Timing startTime (ms, performance.now() clock). */
  declare readonly startTime: number;
  /** `ui.interaction.target` once built (null: not yet). */
  declare private path: string | undefined | null;

  constructor(tracer: Tracer, event: Event, deadline: number, onBusy: () => void) {
    this.tracer = tracer;
    this.becameBusy = onBusy;
    this.type = event.type;
    this.startTime = this.start = this.processingStart = event.timeStamp;
    const target = event.target;
    this.targetRef = typeof target === 'object' && target !== null ? new WeakRef(target) : undefined;
    this.path = null;
    this.deadline = deadline;
    this.processedAt = this.entry = this.inp = undefined;
    this.extended = this.held = false;
    this.end = this.processingEnd = Number.POSITIVE_INFINITY;
    this.loafs = [];
    this.observed = new LazyInteractionSpan(this);
  }

  /** The event target while waiting; undefined once released, or collected after the app let it go. */
  get target(): unknown {
    return this.targetRef?.deref();
  }

  /** Whether `event` is the one that started it, its dispatch not yet seen to end. */
  isDispatching(event: Event): boolean {
    return this.processedAt === undefined && this.startTime === event.timeStamp && this.type === event.type;
  }

  /**
   * At the end of its dispatch: a target its handlers removed from the document (a dialog's close
   * button) is reachable only through the WeakRef from now on and may be collected before a slow
   * idle interaction is exported, so its selector is taken now. A connected target stays reachable
   * through the document: its selector can wait (most are never needed).
   */
  takeSelectorIfRemoved(): void {
    if ((this.target as { isConnected?: boolean } | undefined)?.isConnected === false) void this.selector;
  }

  /** Forgets the target (the interaction has ended). */
  releaseTarget(): void {
    this.targetRef = undefined;
  }

  /**
   * `ui.interaction.target`, built on first use: when the span starts (its handlers' first traced
   * work, or its export as a slow idle interaction), so the many events that are never exported
   * cost no selector. It is the target's path at that moment.
   */
  get selector(): string | undefined {
    if (this.path === null) this.path = targetSelector(this.target);
    return this.path;
  }

  /** Its handlers started traced work (so far). */
  get busy(): boolean {
    return this.observed.sawWork;
  }

  /**
   * Ends without an entry only through the sweep timer: it did traced work (its span is exported
   * at its deadline) or is held for its INP report. An idle one exports nothing and needs no timer.
   */
  get needsSweep(): boolean {
    return (this.entry === undefined && this.busy) || this.held;
  }

  /**
   * Whether its wait (for its entry, or its INP report when held) is over at `now`. When the end of
   * its dispatch was never seen (propagation stopped, or a slow handler outlasted the provisional
   * deadline) it waits once more, `timeoutMs` from now, for a late entry; the caller re-arms.
   */
  waitOver(now: number, timeoutMs: number): boolean {
    if ((this.entry !== undefined && !this.held) || this.deadline > now) return false;
    if (this.entry === undefined && this.processedAt === undefined && !this.extended) {
      this.extended = true;
      this.deadline = now + timeoutMs;
      return false;
    }
    return true;
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
