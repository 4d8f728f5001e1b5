import { ROOT_CONTEXT, diag, trace } from '@opentelemetry/api';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { clearAmbientSpan, setAmbientSpan } from '../../../context/ambient.js';
import { unwatchSpans, watchSpans } from '../../../context/span-watch.js';
import { VERSION } from '../../../version.js';
import { type InpCandidate, listenInpCandidates, mayBeInpCandidate } from '../interaction-registry.js';
import { type LoafEntry, recordLoaf } from '../loaf/loaf.js';
import { EVENT_TIMING_THRESHOLD_MS, endOf, supportsEntryType } from '../support.js';
import { interactionOfFrame, matchEntry } from './matching.js';
import { CausedOperations } from './caused.js';
import { EndedInteractions, type RecentInteraction } from './ended.js';
import { type SlowInteraction, SlowestInteractions } from './slowest.js';
import { WaitingInteraction } from './waiting.js';
import type { EventTimingEntry, InteractionInstrumentationConfig, ResolvedInteractionConfig } from './types.js';
import { resolveInteractionConfig } from './validate.js';

/** After an entry matched, wait this long for the long animation frame of the same paint. */
const LOAF_SETTLE_MS = 50;
/**
 * How long an interaction that may be the new INP candidate holds its span open for web-vitals'
 * report of it: web-vitals handles entries in an idle callback with a 1 s timeout.
 */
const INP_WAIT_MS = 1100;
/**
 * The sweep timer fires this fraction of `entryTimeoutMs` after the earliest deadline (250 ms by
 * default), so the deadlines of one tap end in one task: its pointerdown's comes a press (about
 * 50–150 ms) before its pointerup's and click's, and each provisional deadline moves at the end of
 * its dispatch. Fired at each deadline, one isolated click took 7 sweep tasks, each paying a
 * task's cold start (bench/interactions.js, isolated clicks). Spans keep their own end times;
 * only their export (and the overlay's row) waits up to this long.
 */
const SWEEP_SLACK = 0.25;
/** Interactions waiting for their entry at most (a page flooded with events drops the oldest). */
const MAX_WAITING = 100;

/**
 * User interactions as the root of their trace: each discrete event (click, key press, input…)
 * becomes a span `interaction {type}` from the event's timeStamp to the paint it produced (its
 * Event Timing entry), with the three INP phases. The work its handlers start synchronously —
 * signal writes, table state changes, track() calls, fetches — becomes its children through the
 * ambient context (src/context/ambient.ts; no app listener is wrapped), and renders committed
 * later stay in the trace through their causal parent. Interactions that started no traced work
 * are exported only when slower than `minDurationMs`. Long animation frames become
 * `long_animation_frame` spans, children of the interaction they overlap.
 *
 * Without Event Timing (Safari, Node) it does nothing and says so once through diag; without
 * long animation frames (non-Chromium) interactions work and frames are skipped.
 */
export class InteractionInstrumentation extends InstrumentationBase<InteractionInstrumentationConfig> {
  declare private settingsCache: ResolvedInteractionConfig | undefined;
  declare private listener: ((event: Event) => void) | undefined;
  declare private afterListener: ((event: Event) => void) | undefined;
  declare private observer: PerformanceObserver | undefined;
  declare private waiting: WaitingInteraction[] | undefined;
  declare private ended: EndedInteractions | undefined;
  declare private sweepTimer: ReturnType<typeof setTimeout> | undefined;
  declare private loafSupported: boolean | undefined;
  declare private on: boolean | undefined;
  declare private slowestKept: SlowestInteractions | undefined;
  declare private caused: CausedOperations | undefined;
  declare private armSweep: (() => void) | undefined;

  constructor(config: InteractionInstrumentationConfig = {}) {
    resolveInteractionConfig(config); // throws FrametelConfigError before anything is installed
    super('frametel/vitals', VERSION, config);
  }

  protected override init(): void {}

  override setConfig(config: InteractionInstrumentationConfig = {}): void {
    resolveInteractionConfig(config);
    super.setConfig(config);
    this.settingsCache = undefined;
  }

  /** The validated options (defaults filled in). */
  get settings(): ResolvedInteractionConfig {
    return (this.settingsCache ??= resolveInteractionConfig(this._config));
  }

  /**
   * The `n` slowest interactions exported so far, slowest first: what the DevTools overlay's
   * "Slowest interactions" section shows (it finds this method by shape).
   */
  slowestInteractions(n: number): SlowInteraction[] {
    return this.slowestKept?.slowest(n) ?? [];
  }

  override enable(): void {
    if (this.on) return;
    if (typeof window === 'undefined' || !supportsEntryType('event', 'interactions (Event Timing)')) return;
    this.on = true;
    this.waiting = [];
    const settings = this.settings;
    this.loafSupported =
      settings.longAnimationFrames && supportsEntryType('long-animation-frame', 'long animation frames');
    try {
      const observer = new PerformanceObserver((list) => this.onEntries(list.getEntries()));
      observer.observe({ type: 'event', durationThreshold: EVENT_TIMING_THRESHOLD_MS } as PerformanceObserverInit);
      // Every browser with Event Timing has first-input (the first interaction, below 16 ms too).
      observer.observe({ type: 'first-input' });
      // Buffered: the long frames of the page load, before enable(), are worth seeing too.
      if (this.loafSupported) observer.observe({ type: 'long-animation-frame', buffered: true });
      this.observer = observer;
    } catch (error) {
      diag.error('frametel vitals: could not observe Event Timing', error);
      this.on = false;
      return;
    }
    listenInpCandidates((c) => this.onInpCandidate(c));
    watchSpans((this.caused ??= new CausedOperations()));
    this.ended = new EndedInteractions(this.caused, (this.slowestKept ??= new SlowestInteractions()));
    this.armSweep ??= () => this.scheduleSweep();
    this.listener ??= (event: Event) => this.onEvent(event);
    this.afterListener ??= (event: Event) => this.onDispatched(event);
    for (const type of settings.events) {
      window.addEventListener(type, this.listener, { capture: true, passive: true });
      // Bubble phase on window: the last listener of the dispatch (unless the app stops propagation).
      window.addEventListener(type, this.afterListener, { passive: true });
    }
  }

  override disable(): void {
    if (!this.on) return;
    this.on = false;
    for (const type of this.settings.events) {
      window.removeEventListener(type, this.listener!, { capture: true });
      window.removeEventListener(type, this.afterListener!);
    }
    this.observer?.disconnect();
    this.observer = undefined;
    listenInpCandidates(undefined);
    unwatchSpans(this.caused!);
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    clearAmbientSpan();
    for (const w of [...(this.waiting ?? [])]) this.finish(w);
  }

  /** Capture listener on window: runs before the app's listeners of the same dispatch. */
  private onEvent(event: Event): void {
    if (!event.isTrusted) return; // script-dispatched events are not user input and get no entry
    try {
      const start = event.timeStamp;
      const waiting = this.waiting!;
      if (waiting.length > 0) this.dropIdle(performance.now());
      // The deadline is provisional, until the end of the dispatch is seen (then: from there). No
      // timer yet: only an interaction whose handlers start traced work needs one (armSweep).
      const deadline = start + this.settings.entryTimeoutMs;
      const w = new WaitingInteraction(this.tracer, event, deadline, this.armSweep!);
      waiting.push(w);
      if (waiting.length > MAX_WAITING) this.finish(waiting[0]!);
      setAmbientSpan(w.observed, start, new WeakRef(event));
    } catch (error) {
      diag.error('frametel vitals: could not start an interaction span', error);
    }
  }

  /** Bubble listener on window: every listener of the dispatch has run; the ambient span ends. */
  private onDispatched(event: Event): void {
    if (!event.isTrusted) return;
    const waiting = this.waiting ?? [];
    for (let i = waiting.length - 1; i >= 0; i--) {
      const w = waiting[i]!;
      if (!w.isDispatching(event)) continue;
      const now = performance.now();
      w.processedAt = now;
      clearAmbientSpan(w.observed);
      if (w.entry === undefined) {
        w.end = w.processingEnd = now;
        w.deadline = now + this.settings.entryTimeoutMs;
      }
      w.takeSelectorIfRemoved();
      return;
    }
  }

  /**
   * One timer for all interactions that must end without an entry (busy ones: idle ones export
   * nothing) or are held for their INP report — not one per event: just after the next deadline.
   * Cancelled when none is left (a click whose entry came needs no sweep task).
   */
  private scheduleSweep(): void {
    let next = Number.POSITIVE_INFINITY;
    for (const w of this.waiting ?? []) if (w.needsSweep && w.deadline < next) next = w.deadline;
    if (next === Number.POSITIVE_INFINITY) {
      clearTimeout(this.sweepTimer);
      this.sweepTimer = undefined;
      return;
    }
    if (this.sweepTimer !== undefined) return;
    const slack = this.settings.entryTimeoutMs * SWEEP_SLACK;
    this.sweepTimer = setTimeout(() => this.sweep(), Math.max(0, next - performance.now()) + slack);
  }

  /** Ends the interactions whose entry did not come in time (events under 16 ms get none). */
  private sweep(): void {
    this.sweepTimer = undefined;
    const now = performance.now();
    // No entry in time, or no INP report in time (ends without INP attribution).
    const timeoutMs = this.settings.entryTimeoutMs;
    this.finishAll((this.waiting ?? []).filter((w) => w.waitOver(now, timeoutMs)));
    this.scheduleSweep();
  }

  /**
   * Forgets the idle interactions (no traced work, no entry) whose wait is over. They export
   * nothing, so they arm no timer: the next event, entries or sweep clears them, and until then
   * at most MAX_WAITING of them wait (holding their target only weakly).
   */
  private dropIdle(now: number): void {
    const waiting = this.waiting!;
    const timeoutMs = this.settings.entryTimeoutMs;
    for (let i = waiting.length - 1; i >= 0; i--) {
      const w = waiting[i]!;
      // Held ones (slow: exported) are the sweep's, which has a timer for them: no export work here.
      if (!w.busy && !w.held && w.waitOver(now, timeoutMs)) this.finish(w);
    }
  }

  private onEntries(entries: readonly PerformanceEntry[]): void {
    try {
      if (this.waiting?.length) this.dropIdle(performance.now()); // a late entry must not match them
      const matched: WaitingInteraction[] = [];
      for (const e of entries) {
        if (e.entryType !== 'event' && e.entryType !== 'first-input') continue;
        const entry = e as unknown as EventTimingEntry;
        const w = matchEntry(this.waiting ?? [], entry);
        if (w === undefined) continue;
        w.entry = entry;
        w.end = endOf(entry);
        w.processingStart = entry.processingStart;
        w.processingEnd = entry.processingEnd;
        matched.push(w);
      }
      // Frames after the entries of the same batch (their windows are then exact) and before those
      // interactions end (LOAF_SETTLE_MS later), so both parentage and attribution see them.
      for (const e of entries) if (e.entryType === 'long-animation-frame') this.onFrame(e as unknown as LoafEntry);
      if (matched.length === 0) return;
      if (this.loafSupported) setTimeout(() => this.settle(matched), LOAF_SETTLE_MS);
      else this.settle(matched);
    } catch (error) {
      diag.error('frametel vitals: could not process performance entries', error);
    }
  }

  private onFrame(frame: LoafEntry): void {
    const waiting = this.waiting ?? [];
    const recent = this.ended?.recent ?? [];
    const owner = interactionOfFrame<WaitingInteraction | RecentInteraction>([...waiting, ...recent], frame);
    let parent = ROOT_CONTEXT;
    if (owner !== undefined && 'observed' in owner) {
      owner.loafs.push(frame);
      owner.observed.markBusy(); // its child must have its parent exported
      parent = trace.setSpanContext(ROOT_CONTEXT, owner.observed.span.spanContext());
    } else if (owner !== undefined) parent = trace.setSpanContext(ROOT_CONTEXT, owner.spanContext);
    recordLoaf(this.tracer, frame, parent, this.settings.minScriptDurationMs);
  }

  /**
   * Ends a batch: interactions with work first, then later events first (a click after its pointerup).
   * An interaction that may be the new INP candidate is held instead, with the other events of its
   * interaction, until web-vitals reports it (onInpCandidate) or INP_WAIT_MS passed (sweep).
   */
  private settle(batch: WaitingInteraction[]): void {
    const held = new Set<number>();
    for (const w of batch) {
      const e = w.entry!;
      if (e.interactionId && w.inp === undefined && mayBeInpCandidate(e.duration)) held.add(e.interactionId);
    }
    const now = performance.now();
    for (const w of batch)
      if (held.has(w.entry!.interactionId!)) {
        w.held = true;
        w.deadline = now + INP_WAIT_MS;
      }
    this.finishAll(batch.filter((w) => !w.held));
    this.scheduleSweep(); // for the held ones; cancelled if nothing waits for it any more
  }

  /** web-vitals reported a new INP candidate: its interaction's spans carry the attribution and end. */
  private onInpCandidate(c: InpCandidate): void {
    const group = (this.waiting ?? []).filter((w) => w.entry?.interactionId === c.id);
    for (const w of group) w.inp = c.attributes;
    this.finishAll(group.filter((w) => w.held));
    this.scheduleSweep();
  }

  private finishAll(batch: WaitingInteraction[]): void {
    batch.sort((a, b) => Number(b.busy) - Number(a.busy) || b.startTime - a.startTime);
    for (const w of batch) this.finish(w);
  }

  private finish(w: WaitingInteraction): void {
    const waiting = this.waiting ?? [];
    const at = waiting.indexOf(w);
    if (at === -1) return;
    waiting.splice(at, 1);
    clearAmbientSpan(w.observed);
    try {
      this.ended!.end(w, this.settings.minDurationMs); // may build the selector from the target
    } catch (error) {
      diag.error('frametel vitals: could not end an interaction span', error);
    }
    w.releaseTarget();
  }
}
