import { diag } from '@opentelemetry/api';
import type { BudgetViolation } from './budgets/types.js';
import type { Diagnostics } from './diagnostics.js';
import { isThenable } from './thenable.js';

/** Events of `ft.on(event, fn)`. */
export interface FrametelEvents {
  /** An operation broke its budget (every violation, unthrottled; sampled-out ones too). */
  budgetViolation: BudgetViolation;
}
export type FrametelEventName = keyof FrametelEvents;
/** Every event name `ft.on()` accepts (anything else is a FrametelConfigError at the call). */
export const FRAMETEL_EVENT_NAMES: readonly FrametelEventName[] = ['budgetViolation'];
/** A listener may be async: a rejection is counted in `diagnostics().listenerErrors` like a throw. */
export type Listener<E extends FrametelEventName> = (payload: FrametelEvents[E]) => void;

type Sink = <E extends FrametelEventName>(event: E, payload: FrametelEvents[E]) => Promise<void> | void;

/** Past this many undelivered events (listeners far behind), new ones are dropped and counted. */
const MAX_QUEUE = 10_000;

/**
 * Delivers events to listeners (and the alert sink) after the current task, never inside the
 * operation that caused them, so a slow or throwing listener cannot slow or break the app.
 */
export class EventHub {
  private readonly listeners = new Map<FrametelEventName, Set<Listener<FrametelEventName>>>();
  private queue: Array<[FrametelEventName, FrametelEvents[FrametelEventName]]> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly diagnostics: Diagnostics,
    private readonly sink?: Sink,
  ) {}

  on<E extends FrametelEventName>(event: E, fn: Listener<E>): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as Listener<FrametelEventName>);
  }

  off<E extends FrametelEventName>(event: E, fn: Listener<E>): void {
    this.listeners.get(event)?.delete(fn as Listener<FrametelEventName>);
  }

  emit<E extends FrametelEventName>(event: E, payload: FrametelEvents[E]): void {
    if (this.sink === undefined && !this.listeners.get(event)?.size) return;
    if (this.queue.length >= MAX_QUEUE) {
      this.diagnostics.eventsDropped++;
      return;
    }
    this.queue.push([event, payload]);
    this.timer ??= setTimeout(() => this.deliver(), 0);
  }

  /** Delivers everything queued now and waits for async alert destinations. */
  async flush(): Promise<void> {
    this.deliver();
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Drops queued events and listeners (shutdown). */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.listeners.clear();
  }

  private deliver(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const queue = this.queue;
    this.queue = [];
    for (const [event, payload] of queue) {
      for (const fn of this.listeners.get(event) ?? []) {
        try {
          // Each listener gets its own copy: one listener mutating it cannot affect another.
          const returned: unknown = fn({ ...payload });
          if (isThenable(returned)) this.watchListener(event, returned);
        } catch (error) {
          this.listenerError(event, error);
        }
      }
      if (this.sink) this.track(this.sink(event, payload));
    }
  }

  /**
   * An async listener's rejection is the listener's failure, not the app's: caught and counted
   * like a throw, never left as an unhandled rejection. Not awaited by flush() (a listener that
   * never settles must not hold up shutdown).
   */
  private watchListener(event: FrametelEventName, returned: PromiseLike<unknown>): void {
    // Promise.resolve adopts the thenable; a then() that throws becomes a rejection, caught too.
    Promise.resolve(returned).then(undefined, (error: unknown) => this.listenerError(event, error));
  }

  private listenerError(event: FrametelEventName, error: unknown): void {
    this.diagnostics.listenerErrors++;
    diag.error(`frametel: a '${event}' listener threw`, error);
  }

  private track(result: Promise<void> | void): void {
    if (!result) return;
    const p = result.catch((error: unknown) => {
      this.diagnostics.internalErrors++;
      diag.error('frametel: event sink failed', error);
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}
