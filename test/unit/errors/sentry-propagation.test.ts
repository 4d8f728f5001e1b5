import * as Sentry from '@sentry/browser';
import { context, propagation, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { register, type Frametel } from '../../../src/index.js';
import { ErrorInstrumentation } from '../../../src/instrumentations/errors/index.js';
import { sentryBridge } from '../../../src/instrumentations/errors/sentry-index.js';

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
});

/** The headers an instrumentation would put on a request made inside an active span. */
function headersInside(name: string): { headers: Record<string, string>; traceId: string; spanId: string } {
  return trace.getTracer('app').startActiveSpan(name, (span) => {
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    span.end();
    return { headers, ...span.spanContext() };
  });
}

describe('Sentry trace continuation: SentryPropagator composed with W3C when the bridge is configured', () => {
  it('without the bridge: traceparent only', () => {
    ft = register({ serviceName: 'web', endpoint: false, instrumentations: [new ErrorInstrumentation()] });
    const { headers } = headersInside('load');
    expect(Object.keys(headers)).toEqual(['traceparent']);
  });

  it('with the bridge: sentry-trace and baggage name the same trace and span as traceparent', () => {
    const sentry = sentryBridge(Sentry as never, { dsn: 'http://key@127.0.0.1:9/1', defaultIntegrations: false });
    ft = register({ serviceName: 'web', endpoint: false, instrumentations: [new ErrorInstrumentation({ sentry })] });
    const { headers, traceId, spanId } = headersInside('checkout');
    expect(headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(headers['sentry-trace']).toBe(`${traceId}-${spanId}-1`);
    expect(headers.baggage).toContain(`sentry-trace_id=${traceId}`);
    expect(headers.baggage).toContain('sentry-public_key=key');
  });
});
