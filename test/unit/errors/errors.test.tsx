// @vitest-environment happy-dom
import { context, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  captureException,
  ErrorInstrumentation,
  type ErrorInstrumentationConfig,
} from '../../../src/instrumentations/errors/index.js';
import { TracedErrorBoundary } from '../../../src/instrumentations/errors/react-index.js';
import { dataPointsOf } from '../../support/sdk.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const logs = new InMemoryLogRecordExporter();
const spans = new InMemorySpanExporter();
const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logs })] });
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
let inst: ErrorInstrumentation;

function make(config: ErrorInstrumentationConfig = {}) {
  inst?.disable();
  inst = new ErrorInstrumentation(config);
  inst.setLoggerProvider(loggerProvider);
  inst.setTracerProvider(tracerProvider);
  return inst;
}
beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
beforeEach(() => {
  make({ tags: { release: '1.2.3' } });
  logs.reset();
  spans.reset();
});
afterEach(() => inst.disable());

const records = () => logs.getFinishedLogRecords();

function checkout(): never {
  throw new TypeError('cart is empty');
}

describe('ErrorInstrumentation', () => {
  it('captureException: a log record with exception.*, parsed frames, tags, contexts and user; the active span gets the exception and ERROR', () => {
    const tracer = tracerProvider.getTracer('t');
    tracer.startActiveSpan('checkout', (span) => {
      try {
        checkout();
      } catch (error) {
        captureException(error, {
          tags: { step: 'pay' },
          contexts: { cart: { items: 0 } },
          user: { id: 'u-42', email: 'jane@example.com', username: 'jane' },
        });
      }
      span.end();
    });
    const [r] = records();
    expect(r!.eventName).toBe('exception');
    expect(r!.severityText).toBe('ERROR');
    expect(r!.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': 'cart is empty',
      'ui.error.source': 'captureException',
      'ui.error.handled': true,
      'ui.error.tag.release': '1.2.3',
      'ui.error.tag.step': 'pay',
      'ui.error.context.cart.items': 0,
      'enduser.id': 'u-42',
    });
    expect(String(r!.attributes['exception.stacktrace'])).toContain('checkout');
    expect(Object.keys(r!.attributes).filter((k) => k.startsWith('enduser.'))).toEqual(['enduser.id']);
    expect(JSON.stringify(r!.attributes)).not.toMatch(/jane/);
    const frames = r!.attributes['ui.error.frames'] as string[];
    expect(frames[0]).toMatch(/^checkout \(.*errors\.test\.tsx:\d+:\d+\)$/);
    const [span] = spans.getFinishedSpans();
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.events.map((e) => e.name)).toContain('exception');
    expect(r!.spanContext?.spanId).toBe(span!.spanContext().spanId);
  });

  it('records window errors and unhandled rejections as unhandled', () => {
    window.dispatchEvent(new ErrorEvent('error', { error: new RangeError('boom'), message: 'boom' }));
    const rejection = new Event('unhandledrejection') as Event & { reason?: unknown };
    rejection.reason = new Error('rejected');
    window.dispatchEvent(rejection);
    expect(
      records().map((r) => [
        r.attributes['ui.error.source'],
        r.attributes['exception.message'],
        r.attributes['ui.error.handled'],
      ]),
    ).toEqual([
      ['window.error', 'boom', false],
      ['unhandledrejection', 'rejected', false],
    ]);
  });

  it('deduplicates identical errors within the window and counts them', () => {
    for (let i = 0; i < 3; i++) {
      try {
        checkout();
      } catch (e) {
        inst.captureException(e);
      }
    }
    captureException(new Error('other'));
    expect(records().map((r) => r.attributes['exception.message'])).toEqual(['cart is empty', 'other']);
  });

  it('counts the folded duplicates in ui.errors.deduplicated and the recorded ones in ui.errors', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    inst.setMeterProvider(new MeterProvider({ readers: [reader] }));
    for (let i = 0; i < 4; i++) {
      try {
        checkout();
      } catch (e) {
        captureException(e);
      }
    }
    await reader.forceFlush();
    const value = (name: string) =>
      dataPointsOf(exporter.getMetrics(), name).map((p) => [p.attributes['exception.type'], p.value]);
    expect(value('ui.errors.deduplicated')).toEqual([['TypeError', 3]]);
    expect(value('ui.errors')).toEqual([['TypeError', 1]]);
    expect(records()).toHaveLength(1);
  });

  it('errors raised while a component span is active carry its ui.component.name (captureException and console.error)', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {}); // patched over: stays silent
    make({ captureConsole: true });
    const tracer = tracerProvider.getTracer('t');
    tracer.startActiveSpan('render CartTable', { attributes: { 'ui.component.name': 'CartTable' } }, (span) => {
      captureException(new Error('row without id'));
      console.error('stale row', 42);
      span.end();
    });
    captureException(new Error('outside any component'));
    inst.disable();
    quiet.mockRestore();
    expect(records().map((r) => [r.attributes['exception.message'], r.attributes['ui.component.name']])).toEqual([
      ['row without id', 'CartTable'],
      ['stale row 42', 'CartTable'],
      ['outside any component', undefined],
    ]);
  });

  it('beforeSend scrubs, drops (null), and a throwing beforeSend drops the error and is counted', () => {
    make({
      beforeSend: (e) => (e.message.includes('drop') ? null : { ...e, message: e.message.replace(/\d{16}/, '[card]') }),
    });
    captureException(new Error('card 4111111111111111 declined'));
    captureException(new Error('please drop me'));
    expect(records().map((r) => r.attributes['exception.message'])).toEqual(['card [card] declined']);
    expect(JSON.stringify(records())).not.toContain('4111111111111111');
    make({
      beforeSend: () => {
        throw new Error('bug in beforeSend');
      },
    });
    logs.reset();
    expect(() => captureException(new Error('x'))).not.toThrow();
    expect(records()).toEqual([]);
    expect(inst.beforeSendFailures).toBe(1);
  });

  it('never throws into the app, even for a thrown value whose getters throw (captureException, window error, console)', () => {
    make({ captureConsole: true });
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'message', {
      get: () => {
        throw new Error('getter');
      },
    });
    const quiet = vi.spyOn(console, 'log');
    expect(() => captureException(hostile)).not.toThrow();
    expect(() => window.dispatchEvent(new ErrorEvent('error', { error: hostile }))).not.toThrow();
    expect(() =>
      console.warn({
        toString: () => {
          throw new Error('toString');
        },
      }),
    ).not.toThrow();
    captureException(new Error('still works'));
    quiet.mockRestore();
    expect(records().at(-1)!.attributes['exception.message']).toBe('still works');
  });

  it('TracedErrorBoundary records a real render error with the component stack and shows the fallback', () => {
    function Broken(): never {
      throw new Error('render failed');
    }
    const host = document.createElement('div');
    const root = createRoot(host);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    act(() =>
      root.render(
        <TracedErrorBoundary fallback={(e) => <p>oops: {e.message}</p>} tags={{ area: 'cart' }}>
          <div>
            <Broken />
          </div>
        </TracedErrorBoundary>,
      ),
    );
    quiet.mockRestore();
    expect(host.textContent).toBe('oops: render failed');
    const r = records().find((x) => x.attributes['ui.error.source'] === 'react')!;
    expect(r.attributes['exception.message']).toBe('render failed');
    expect(r.attributes['ui.error.tag.area']).toBe('cart');
    expect(String(r.attributes['ui.component.stack'])).toMatch(/Broken/);
    expect(r.attributes['ui.component.name']).toBe('Broken');
    act(() => root.unmount());
  });

  it('flushes the logger provider on pagehide, so queued errors leave before the page goes', () => {
    const flush = vi.spyOn(loggerProvider, 'forceFlush');
    window.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(1);
    inst.disable();
    window.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(1);
    flush.mockRestore();
  });

  it('captureConsole records console.error / console.warn, and disable() restores console and listeners', () => {
    const originalError = console.error;
    make({ captureConsole: true });
    const quiet = vi.spyOn(console, 'log');
    console.warn('low disk');
    expect(records().at(-1)!.attributes).toMatchObject({
      'ui.error.source': 'console.warn',
      'exception.message': 'low disk',
    });
    expect(records().at(-1)!.severityText).toBe('WARN');
    inst.disable();
    expect(console.error).toBe(originalError);
    logs.reset();
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('after disable') }));
    captureException(new Error('after disable'));
    expect(records()).toEqual([]);
    quiet.mockRestore();
  });
});
