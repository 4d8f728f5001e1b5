import { ROOT_CONTEXT, trace, type Context, type ContextManager, type Span } from '@opentelemetry/api';

/**
 * The ambient context: a span that parents work with no span of its own on the stack.
 *
 * A user interaction's handlers are the app's own listeners; wrapping them (what
 * instrumentation-user-interaction does by patching addEventListener, or Zone.js) would change
 * what the app registered, the identity of its listeners and the cost of every dispatch. Instead
 * the interaction instrumentation sets its span here when the event starts (a capture listener on
 * window, which runs before every other listener) and clears it when the dispatch is over. The context
 * manager wrapper below returns it from `active()` whenever the real context stack has no span, so
 * signal writes, table state changes, track() calls and fetches started by the handlers become its
 * children without any change to those instrumentations, and an explicit `context.with()` still
 * wins. With nothing set (no interaction instrumentation enabled) the wrapper is the inner manager.
 *
 * One process-wide slot: UI event dispatch is single-threaded and not re-entrant across tasks.
 */

let ambientSpan: Span | undefined;
let ambientContext: Context | undefined;
let ambientSince = 0;
/**
 * The event whose dispatch the ambient span covers: over once its eventPhase is NONE (0), or once
 * it was collected. Held weakly: when the app stops its propagation, frametel's clearing listener
 * never runs, and this slot must not keep the event (and through it its target) until the next one.
 */
let ambientEvent: WeakRef<{ readonly eventPhase: number }> | undefined;

/**
 * Makes `span` the parent of span-less work until clearAmbientSpan(), the next setAmbientSpan(),
 * or the dispatch of `event` being over (its eventPhase back to NONE, checked when the ambient
 * span is asked for; this also covers dispatches whose propagation the app stopped before
 * frametel's clearing listener ran). `since` is the performance.now()-clock time the ambient cause
 * began (the event's timeStamp).
 */
export function setAmbientSpan(span: Span, since: number, event?: WeakRef<{ readonly eventPhase: number }>): void {
  ambientSpan = span;
  ambientContext = undefined; // built on first use: most events start no traced work
  ambientSince = since;
  ambientEvent = event;
}

/** The ambient span, unless its cause is over (then it is cleared). */
function currentAmbientSpan(): Span | undefined {
  if (ambientSpan !== undefined && ambientEvent !== undefined && (ambientEvent.deref()?.eventPhase ?? 0) === 0)
    clearAmbientSpan();
  return ambientSpan;
}

/** Clears the ambient span, if it is still `span` (default: whatever is set). */
export function clearAmbientSpan(span?: Span): void {
  if (span !== undefined && span !== ambientSpan) return;
  ambientSpan = undefined;
  ambientContext = undefined;
  ambientEvent = undefined;
}

/**
 * When the active span in `ctx` is the ambient one (no span of its own on the stack), the time
 * the ambient cause began (performance.now() clock); else undefined. Deferred-work parenting
 * (src/context/causal.ts) uses it to prefer a cause noted after the interaction began.
 */
export function ambientStartIfActive(ctx: Context): number | undefined {
  const span = currentAmbientSpan();
  return span !== undefined && trace.getSpan(ctx) === span ? ambientSince : undefined;
}

/**
 * Wraps a ContextManager (the configured one, or the web SDK's StackContextManager) so that
 * `active()` falls back to the ambient span's context when the inner stack carries no span.
 * Everything else is delegated unchanged.
 */
export class AmbientContextManager implements ContextManager {
  constructor(readonly inner: ContextManager) {}

  active(): Context {
    const ctx = this.inner.active();
    const span = currentAmbientSpan();
    if (span === undefined) return ctx;
    if (ctx === ROOT_CONTEXT) return (ambientContext ??= trace.setSpan(ROOT_CONTEXT, span));
    // Baggage or other values on the stack, but no span: keep them, add the ambient span.
    return trace.getSpan(ctx) === undefined ? trace.setSpan(ctx, span) : ctx;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.inner.with(context, fn, thisArg, ...args);
  }

  bind<T>(context: Context, target: T): T {
    return this.inner.bind(context, target);
  }

  enable(): this {
    this.inner.enable();
    return this;
  }

  disable(): this {
    this.inner.disable();
    clearAmbientSpan();
    return this;
  }
}
