import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * One slot for a frametel instrumentation that must see the spans of the others start and end
 * (InteractionInstrumentation: which operations an interaction caused, for the overlay). register()
 * puts WatchSpanProcessor in its tracer provider; with the slot empty it costs one check per span.
 */
export interface SpanWatcher {
  onStart(span: Span, parentContext: Context): void;
  onEnd(span: ReadableSpan): void;
}

let watcher: SpanWatcher | undefined;

/** Sets the watcher (the last enabled one wins). */
export function watchSpans(w: SpanWatcher): void {
  watcher = w;
}

/** Clears the slot, if `w` is in it. */
export function unwatchSpans(w: SpanWatcher): void {
  if (watcher === w) watcher = undefined;
}

export class WatchSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    watcher?.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    watcher?.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
