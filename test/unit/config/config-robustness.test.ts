import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { activeFrametel, FrametelConfigError, type Frametel, register, track } from '../../../src/index.js';
import { OtlpReceiver } from '../../support/otlp-receiver.js';

const S = { serviceName: 'shop-web' };

/** The FrametelConfigError register(options) throws (fails the test if it throws anything else or nothing). */
function configError(run: () => unknown): FrametelConfigError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(FrametelConfigError);
  return thrown as FrametelConfigError;
}

let handles: Frametel[] = [];
afterEach(async () => {
  await Promise.all(handles.map((h) => h.shutdown()));
  handles = [];
});

describe('endpoint URLs (issue 16 item 9)', () => {
  it.each([
    ['leading space', ' http://localhost:4318', 'endpoint'],
    ['trailing space', 'http://localhost:4318 ', 'endpoint'],
    ['a newline after a path', '/otel\n', 'endpoint'],
    ['a query', 'http://collector/?token=abc', 'endpoint'],
    ['a query on a path', '/otel?token=abc', 'endpoint'],
    ['a fragment', 'http://collector:4318#x', 'endpoint'],
  ])('rejects an endpoint with %s', (_what, endpoint, path) => {
    const error = configError(() => register({ ...S, endpoint }));
    expect(error.path).toBe(path);
    expect(error.got).toBe(endpoint);
  });

  it('rejects a per-signal URL with spaces or a fragment, and keeps its query (it is used as given)', async () => {
    expect(configError(() => register({ ...S, endpoints: { traces: ' http://c/v1/traces' } })).path).toBe(
      'endpoints.traces',
    );
    expect(configError(() => register({ ...S, endpoints: { logs: 'http://c/v1/logs#a' } })).path).toBe(
      'endpoints.logs',
    );
    const receiver = new OtlpReceiver();
    const base = await receiver.start();
    try {
      const ft = register({ ...S, endpoint: base, endpoints: { traces: `${base}/v1/traces?tenant=a` } });
      handles.push(ft);
      ft.track('op', () => 1);
      await ft.forceFlush();
      expect(receiver.requests.map((r) => r.path)).toContain('/v1/traces?tenant=a');
    } finally {
      await receiver.stop();
    }
  });
});

describe('instrumentations are validated fully before the previous handle is touched (issue 16 item 10)', () => {
  const complete = () => ({
    instrumentationName: 'fake',
    enable() {},
    disable() {},
    setTracerProvider() {},
    setMeterProvider() {},
    getConfig: () => ({ enabled: true }),
  });

  it.each([
    ['without setTracerProvider', { ...complete(), setTracerProvider: undefined }, 'instrumentations[0]'],
    ['without getConfig', { ...complete(), getConfig: undefined }, 'instrumentations[0]'],
    [
      'with a getConfig that throws',
      {
        ...complete(),
        getConfig: () => {
          throw new Error('x');
        },
      },
      'instrumentations[0].getConfig()',
    ],
    [
      'with a getConfig returning nothing',
      { ...complete(), getConfig: () => undefined },
      'instrumentations[0].getConfig()',
    ],
    [
      'with a setLoggerProvider that is not a function',
      { ...complete(), setLoggerProvider: 1 },
      'instrumentations[0].setLoggerProvider',
    ],
  ])('rejects an instrumentation %s, and the previous handle keeps working', async (_what, bad, path) => {
    const spans = new InMemorySpanExporter();
    const previous = register({ ...S, endpoint: false, exporters: { traces: [spans] } });
    handles.push(previous);
    const error = configError(() => register({ ...S, endpoint: false, instrumentations: [bad as never] }));
    expect(error.path).toBe(path);
    expect(activeFrametel()).toBe(previous);
    previous.track('still.traced', () => 1);
    track('global.track', () => 1);
    await previous.forceFlush();
    expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(['still.traced', 'global.track']);
  });

  it('accepts a complete instrumentation and registers it', async () => {
    const calls: string[] = [];
    const inst = {
      ...complete(),
      setTracerProvider: () => calls.push('tracer'),
      setMeterProvider: () => calls.push('meter'),
      setLoggerProvider: () => calls.push('logger'),
    };
    const ft = register({ ...S, endpoint: false, instrumentations: [inst as never] });
    handles.push(ft);
    expect(calls).toEqual(['tracer', 'meter', 'logger']);
  });
});

describe('budgets, endpoints and headers (issue 16 item 11)', () => {
  it.each([
    ['a Map', new Map([['table.sort', 5]])],
    ['a Date', new Date()],
    ['null', null],
    ['an instance of a class', new (class Budgets {})()],
  ])('rejects budgets given as %s', (_what, budgets) => {
    const error = configError(() => register({ ...S, budgets: budgets as never }));
    expect(error.path).toBe('budgets');
    expect(error.got).toBe(budgets);
  });

  it('keeps a budget whose key is "__proto__" (from JSON) instead of dropping it', () => {
    const budgets = JSON.parse('{"__proto__": 7, "table.sort": 50}') as Record<string, number>;
    const ft = register({ ...S, endpoint: false, budgets });
    handles.push(ft);
    expect(ft.budgets.resolve('__proto__')?.budgetMs).toBe(7);
    expect(ft.budgets.resolve('table.sort')?.budgetMs).toBe(50);
    expect(JSON.parse(ft.report()).operations).toEqual([]);
  });

  it('rejects endpoints together with endpoint: false (they would be ignored)', () => {
    const error = configError(() => register({ ...S, endpoint: false, endpoints: { traces: 'http://c/v1/traces' } }));
    expect(error.path).toBe('endpoints');
    expect(error.message).toContain('endpoint: false');
  });

  it.each([
    ['CR LF', 'Bearer a\r\nX-Injected: 1'],
    ['LF', 'a\nb'],
    ['NUL', 'a\0b'],
  ])('rejects a header value with %s (every export would fail)', (_what, value) => {
    const error = configError(() => register({ ...S, headers: { authorization: value } }));
    expect(error.path).toBe('headers["authorization"]');
    expect(error.expected).toBe('a string without CR, LF or NUL characters');
  });

  it('rejects a header named "__proto__" (the exporters would drop it) instead of dropping it silently', () => {
    const headers = JSON.parse('{"__proto__": "x", "authorization": "t"}') as Record<string, string>;
    const error = configError(() => register({ ...S, headers }));
    expect(error.path).toBe('headers["__proto__"]');
  });

  it('sends every accepted header to the collector', async () => {
    const receiver = new OtlpReceiver();
    const endpoint = await receiver.start();
    try {
      const ft = register({ ...S, endpoint, headers: { 'x-tenant': 'a b\tc', constructor: 'kept' } });
      handles.push(ft);
      ft.track('op', () => 1);
      await ft.forceFlush();
      const request = receiver.requests.find((r) => r.path === '/v1/traces');
      expect(request?.headers['x-tenant']).toBe('a b\tc');
      expect(request?.headers.constructor).toBe('kept');
    } finally {
      await receiver.stop();
    }
  });
});

describe('programming errors at the call are FrametelConfigErrors (issue 16 item 7)', () => {
  it.each([
    ['a listener that is not a function', 'budgetViolation', 42, 'ft.on(fn)'],
    ['a missing listener', 'budgetViolation', undefined, 'ft.on(fn)'],
    ['an unknown event name', 'budgetViolaton', () => {}, 'ft.on(event)'],
    ['an event name that is not a string', 7, () => {}, 'ft.on(event)'],
  ])('ft.on() with %s, on the live and the no-op handle', (_what, event, fn, path) => {
    const live = register({ ...S, endpoint: false });
    handles.push(live);
    const noop = register({ ...S, enabled: false });
    for (const ft of [live, noop]) {
      const error = configError(() => ft.on(event as never, fn as never));
      expect(error.path).toBe(path);
      expect(error.got).toBe(path === 'ft.on(fn)' ? fn : event);
    }
  });

  it('track(op, notAFunction) throws at the call whether or not a handle is registered', () => {
    const noop = register({ ...S, enabled: false });
    expect(configError(() => noop.track('x', 'nope' as never)).path).toBe('ft.track(fn)');
    expect(configError(() => track('x', null as never)).path).toBe('track(fn)');
    const live = register({ ...S, endpoint: false });
    handles.push(live);
    expect(configError(() => live.track('x', {} as never)).path).toBe('ft.track(fn)');
    expect(configError(() => track('x', 3 as never)).path).toBe('track(fn)');
  });
});
