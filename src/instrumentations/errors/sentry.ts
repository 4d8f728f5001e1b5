import { trace, type TextMapPropagator } from '@opentelemetry/api';
import { registerExternalPropagationContext, withActiveSpan } from '@sentry/core';
import { SentryPropagator } from '@sentry/opentelemetry';
import { FrametelConfigError, invalid } from '../../config/errors.js';
import { ATTR_UI_ERROR_HANDLED, ATTR_UI_ERROR_SOURCE } from '../../semconv.js';
import type { CapturedError } from './types.js';

/** The parts of @sentry/browser (or any Sentry JS SDK) the bridge uses. */
export interface SentryLike {
  init(options: Record<string, unknown>): unknown;
  getClient(): unknown;
  captureException(error: unknown, context?: Record<string, unknown>): string;
}

/** What ErrorInstrumentation's `sentry` option takes. */
export interface SentryBridge {
  capture(event: CapturedError): void;
  /**
   * `sentry-trace` + `baggage` from the active OpenTelemetry span, composed by register() with the
   * W3C propagators, so a back end running Sentry's own SDK continues the browser's trace.
   */
  propagator: TextMapPropagator;
}

/**
 * Links Sentry to frametel's traces: Sentry events take the trace and span ids of the active
 * OpenTelemetry span (through Sentry's external propagation context), so an error in Sentry and
 * its trace in Jaeger/Datadog/… share one trace id. Pass `options` (dsn, …) to have it call
 * `Sentry.init` when no client exists yet. Lives in its own entry point, `frametel/errors/sentry`:
 * apps that do not import it bundle no Sentry code.
 */
export function sentryBridge(Sentry: SentryLike, options?: Record<string, unknown>): SentryBridge {
  const s = Sentry as Partial<Record<keyof SentryLike, unknown>> | null | undefined;
  if (typeof s?.captureException !== 'function' || typeof s.getClient !== 'function' || typeof s.init !== 'function') {
    throw new FrametelConfigError(
      invalid('sentryBridge(Sentry)', 'a Sentry SDK (import * as Sentry from "@sentry/browser")', Sentry),
    );
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new FrametelConfigError(invalid('sentryBridge(options)', 'Sentry.init options such as { dsn }', options));
  }
  if (options && !Sentry.getClient()) Sentry.init(options);
  registerExternalPropagationContext(() => {
    const ctx = trace.getActiveSpan()?.spanContext();
    return ctx && trace.isSpanContextValid(ctx) ? { traceId: ctx.traceId, spanId: ctx.spanId } : undefined;
  });
  return {
    propagator: sentryPropagator(),
    capture(event) {
      // Sentry gets the event as frametel records it: after beforeSend (scrubbed), not the raw error.
      const error = new Error(event.message);
      error.name = event.type;
      if (event.stacktrace) error.stack = event.stacktrace;
      Sentry.captureException(error, {
        tags: { ...event.tags, [ATTR_UI_ERROR_SOURCE]: event.source, [ATTR_UI_ERROR_HANDLED]: String(event.handled) },
        contexts: {
          ...event.contexts,
          ...(event.componentStack ? { react: { componentStack: event.componentStack } } : {}),
        },
        ...(event.user ? { user: event.user } : {}),
      });
    },
  };
}

/**
 * SentryPropagator reading frametel's span: it takes its headers from Sentry's active span, so the
 * OTel span of the injected context is made Sentry's active span for the call (a scope fork, no
 * global change: not setOpenTelemetryContextAsyncContextStrategy, which would replace the app's
 * OTel context manager with an AsyncLocalStorage one).
 */
function sentryPropagator(): TextMapPropagator {
  const inner = new SentryPropagator();
  return {
    inject(ctx, carrier, setter) {
      const span = trace.getSpan(ctx);
      if (span) withActiveSpan(span as never, () => inner.inject(ctx, carrier, setter));
    },
    extract: (ctx, carrier, getter) => inner.extract(ctx, carrier, getter),
    fields: () => inner.fields(),
  };
}
