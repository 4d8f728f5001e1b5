import { SpanStatusCode, context, diag, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { checkTrackFn } from './config/calls.js';
import { describeValue } from './config/errors.js';
import type { Diagnostics } from './diagnostics.js';
import { ATTR_UI_OPERATION } from './semconv.js';
import { isThenable } from './thenable.js';

function recordFailure(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  else span.recordException(String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

const MAX_CACHED_OPERATIONS = 1000;

/**
 * Runs `fn` inside a span named after the operation (`ui.operation` set), returns its value
 * unchanged and rethrows its error unchanged after recording it on the span (status ERROR). For a
 * promise (async `fn`) it returns the promise chained on it, which settles the same way one
 * microtask later: observing the original marks it handled, so the chained one carries the
 * unhandled rejection when the caller does not handle it. Other thenables (subclasses, promises
 * with members of their own, non-native thenables) are returned as they are. Budgets, stats and
 * metrics follow from the span in the processors.
 */
export class Tracker {
  // Attribute objects per operation for calls without extra attributes (the SDK copies them).
  private readonly attributeCache = new Map<string, Attributes>();

  constructor(
    private readonly tracer: Tracer,
    private readonly diagnostics: Diagnostics,
  ) {}

  track<T>(operation: string, fn: () => T, attributes?: Attributes): T {
    checkTrackFn('ft.track', fn);
    if (typeof operation !== 'string' || operation === '') {
      this.diagnostics.invalidTrackCalls++;
      diag.error(
        `frametel: track(operation, fn): operation: expected a non-empty string, got ${describeValue(operation)}; ran untraced`,
      );
      return fn();
    }
    const span = this.tracer.startSpan(operation, { attributes: this.attributesFor(operation, attributes) });
    let result: T;
    try {
      result = context.with(trace.setSpan(context.active(), span), fn);
    } catch (error) {
      recordFailure(span, error);
      span.end();
      throw error;
    }
    if (!isThenable(result)) {
      span.end();
      return result;
    }
    const recordAndEnd = (error: unknown) => {
      recordFailure(span, error);
      span.end();
    };
    // String keys only: Node's async hooks (AsyncLocalStorage) put symbol ids on every promise.
    if (Object.getPrototypeOf(result) === Promise.prototype && Object.getOwnPropertyNames(result).length === 0) {
      // Observing a promise attaches a reaction, which marks it handled: an un-awaited rejection
      // would no longer be reported. So the caller gets the promise derived from that reaction
      // instead; it settles with the same value or the same reason, and it is unhandled exactly
      // when the caller leaves it unhandled (Node exits, ErrorInstrumentation sees it). Only for
      // plain promises: a subclass or a promise carrying its own members is returned as it is.
      try {
        return result.then(
          (value) => {
            span.end();
            return value;
          },
          (error: unknown) => {
            recordAndEnd(error);
            throw error;
          },
        ) as T;
      } catch (error) {
        // A then() patched to throw: the caller gets the promise back as it is.
        this.diagnostics.internalErrors++;
        diag.error('frametel: track(): the returned promise threw from then()', error);
        span.end();
        return result;
      }
    }
    try {
      // Any other thenable is returned as it is, so its own methods stay usable (observing a native
      // one marks it handled: the price of keeping its identity).
      result.then(() => span.end(), recordAndEnd);
    } catch (error) {
      // A broken thenable: the caller gets it back as it is; the span must still end.
      this.diagnostics.internalErrors++;
      diag.error('frametel: track(): the returned thenable threw from then()', error);
      span.end();
    }
    return result;
  }

  private attributesFor(operation: string, extra?: Attributes): Attributes {
    if (extra !== undefined) return { ...extra, [ATTR_UI_OPERATION]: operation };
    let attrs = this.attributeCache.get(operation);
    if (attrs === undefined) {
      attrs = Object.freeze({ [ATTR_UI_OPERATION]: operation });
      if (this.attributeCache.size < MAX_CACHED_OPERATIONS) this.attributeCache.set(operation, attrs);
    }
    return attrs;
  }
}
