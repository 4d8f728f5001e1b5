import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span } from '@opentelemetry/sdk-trace-base';

/**
 * One slot for a frametel instrumentation that must see the spans of the others start and end
 * (InteractionInstrumentation: which operations an interaction caused, for the overlay). SDK 2.x
 * takes span processors at construction only, so register()'s own stats processor (which sees
 * every span anyway) forwards to the slot; with the slot empty that is one check per span.
 */
export interface SpanWatcher {
  onStart(span: Span, parentContext: Context): void;
  onEnd(span: ReadableSpan): void;
}

/** The watcher, if any (a live binding: read it at each use). */
export let spanWatcher: SpanWatcher | undefined;

/** Sets the watcher (the last enabled one wins). */
export function watchSpans(w: SpanWatcher): void {
  spanWatcher = w;
}

/** Clears the slot, if `w` is in it. */
export function unwatchSpans(w: SpanWatcher): void {
  if (spanWatcher === w) spanWatcher = undefined;
}
