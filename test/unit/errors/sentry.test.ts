import * as Sentry from '@sentry/browser';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorInstrumentation } from '../../../src/instrumentations/errors/index.js';
import { sentryBridge } from '../../../src/instrumentations/errors/sentry-index.js';
import { SentryEnvelopeIntake } from '../../intakes/sentry-envelope.js';

const intake = new SentryEnvelopeIntake();
const spans = new InMemorySpanExporter();
const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }).getTracer('app');
let inst: ErrorInstrumentation;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  await intake.start();
  inst = new ErrorInstrumentation({
    beforeSend: (e) => ({ ...e, message: e.message.replace(/\S+@\S+/, '[email]') }),
    sentry: sentryBridge(Sentry as never, {
      dsn: `http://publickey@127.0.0.1:${intake.port}/1`,
      defaultIntegrations: false, // browser-only integrations need a real window; the transport is the real one
    }),
  });
  inst.setLoggerProvider(
    new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: new InMemoryLogRecordExporter() })] }),
  );
});
afterAll(async () => {
  inst.disable();
  await Sentry.close(2000);
  await intake.stop();
});

describe('frametel/errors/sentry: Sentry events carry the OTel trace', () => {
  it('the envelope Sentry sends has the active span’s trace and span ids, and the scrubbed message', async () => {
    tracer.startActiveSpan('checkout', (span) => {
      inst.captureException(new Error('payment failed for jane@example.com'), {
        tags: { step: 'pay' },
        user: { id: 'u-7' },
      });
      span.end();
    });
    await Sentry.flush(5000);
    const [event] = intake.events();
    const span = spans.getFinishedSpans()[0]!;
    const traceContext = (event!.contexts as { trace: { trace_id: string; span_id: string } }).trace;
    expect(traceContext.trace_id).toBe(span.spanContext().traceId);
    expect(traceContext.span_id).toBe(span.spanContext().spanId);
    const exception = (event!.exception as { values: Array<{ type: string; value: string }> }).values[0]!;
    expect(exception).toMatchObject({ type: 'Error', value: 'payment failed for [email]' });
    expect(JSON.stringify(event)).not.toContain('jane@example.com');
    expect(event!.tags).toMatchObject({ step: 'pay', 'ui.error.source': 'captureException' });
    expect(event!.user).toEqual({ id: 'u-7' });
    expect(intake.requests[0]!.path).toBe('/api/1/envelope/');
  });
});
