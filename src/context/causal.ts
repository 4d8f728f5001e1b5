import { context, trace, type Context, type SpanContext } from '@opentelemetry/api';
import { ambientStartIfActive } from './ambient.js';

/**
 * Causal links between instrumentations whose work is not on one call stack.
 *
 * A signal write or a TanStack state change runs synchronously, but the React renders it causes
 * happen later (React batches updates and commits in a microtask or scheduler task). So the
 * span of the cause cannot simply be the active context when the render span is created.
 * Instead the cause notes its span context here, and the render instrumentation asks for the
 * latest cause noted shortly before the render started and parents its span on it.
 *
 * One process-wide slot is enough: UI work is single-threaded and the latest cause is the one a
 * commit belongs to. The slot holds a SpanContext (ids only), never the span object, so nothing
 * is kept alive.
 */
interface NotedCause {
  readonly spanContext: SpanContext;
  /** performance.now()-style ms at which the cause was noted. */
  readonly at: number;
}

/** Default window in which a render still counts as caused by the last noted cause (ms). */
export const DEFAULT_CAUSE_WINDOW_MS = 250;

let latest: NotedCause | undefined;

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * Notes the span active in `ctx` (default: the active context) as the cause of work that will
 * happen soon outside its call stack. Call it while the causing span is still open.
 */
export function noteCause(ctx: Context = context.active()): void {
  const span = trace.getSpan(ctx);
  if (span === undefined) return;
  const spanContext = span.spanContext();
  if (!trace.isSpanContextValid(spanContext)) return;
  latest = { spanContext, at: now() };
}

/**
 * The context to parent deferred work on: the active context when a span is active (a render
 * inside a synchronous cause), else the latest cause noted at or before `startedAt` (ms on the
 * same clock as performance.now()) and no older than `windowMs`; else undefined.
 */
export function causeContext(
  startedAt: number = now(),
  windowMs: number = DEFAULT_CAUSE_WINDOW_MS,
): Context | undefined {
  const active = context.active();
  const hasSpan = trace.getSpan(active) !== undefined;
  // An ambient interaction span (src/context/ambient.ts) is only the fallback: a write or state
  // change noted after the interaction began is the nearer cause of the render.
  const ambientSince = hasSpan ? ambientStartIfActive(active) : undefined;
  if (hasSpan && ambientSince === undefined) return active;
  const fallback = hasSpan ? active : undefined;
  const cause = latest;
  if (cause === undefined) return fallback;
  const age = startedAt - cause.at;
  if (age < -1 || age > windowMs) return fallback; // -1: clocks of callbacks are rounded
  if (ambientSince !== undefined && cause.at < ambientSince) return fallback;
  return trace.setSpanContext(context.active(), cause.spanContext);
}

/** Forgets the noted cause (tests, shutdown). */
export function clearCause(): void {
  latest = undefined;
}
