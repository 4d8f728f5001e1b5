import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDiagnostics } from '../../../src/diagnostics.js';
import { Tracker } from '../../../src/track.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let diagnostics = createDiagnostics();
let tracker: Tracker;

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => context.disable());
beforeEach(() => {
  exporter.reset();
  diagnostics = createDiagnostics();
  tracker = new Tracker(provider.getTracer('t'), diagnostics);
});
const finished = () => exporter.getFinishedSpans();

describe('Tracker.track: a span around fn, fn unchanged', () => {
  it('returns a sync value and ends the span named after the operation, with ui.operation', () => {
    expect(tracker.track('cart.total', () => 42)).toBe(42);
    expect(finished().map((s) => [s.name, s.attributes['ui.operation'], s.status.code])).toEqual([
      ['cart.total', 'cart.total', SpanStatusCode.UNSET],
    ]);
  });

  it('keeps extra attributes but never lets them override ui.operation', () => {
    tracker.track('op', () => 1, { 'ui.operation': 'spoofed', 'cart.items': 3 });
    expect(finished()[0]!.attributes).toEqual({ 'ui.operation': 'op', 'cart.items': 3 });
  });

  it('rethrows the very same error after recording it (status ERROR, exception event)', () => {
    const error = new TypeError('bad cart');
    let caught: unknown;
    try {
      tracker.track('op', () => {
        throw error;
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(error);
    const [span] = finished();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad cart' });
    expect(span!.events[0]!.name).toBe('exception');
    expect(span!.events[0]!.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': 'bad cart',
    });
  });

  it('records a thrown non-Error as its string', () => {
    expect(() =>
      tracker.track('op', () => {
        throw 'plain';
      }),
    ).toThrow('plain');
    expect(finished()[0]!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'plain' });
  });

  it('returns the promise chained on fn’s (so an un-awaited rejection stays unhandled) and ends the span when it settles', async () => {
    let resolve!: (v: number) => void;
    const p = new Promise<number>((r) => (resolve = r));
    const returned = tracker.track('load', () => p);
    expect(returned).not.toBe(p); // observing p marks it handled: the caller gets the chained promise
    expect(finished()).toHaveLength(0);
    resolve(7);
    await expect(returned).resolves.toBe(7);
    await Promise.resolve();
    expect(finished().map((s) => s.name)).toEqual(['load']);
  });

  it('records a rejection on the span; the caller still gets the rejection', async () => {
    const error = new Error('network');
    const p = tracker.track('load', async () => {
      await Promise.resolve();
      throw error;
    });
    await expect(p).rejects.toBe(error);
    await new Promise((r) => setTimeout(r, 0));
    expect(finished()[0]!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'network' });
  });

  it('makes the span active inside fn: nested operations are its children', () => {
    tracker.track('outer', () => tracker.track('inner', () => undefined));
    const byName = Object.fromEntries(finished().map((s) => [s.name, s]));
    expect(byName.inner!.parentSpanContext?.spanId).toBe(byName.outer!.spanContext().spanId);
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('runs fn untraced and counts the call when the operation is not a non-empty string', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(tracker.track('', () => 'ran')).toBe('ran');
    expect(tracker.track(7 as never, () => 'ran')).toBe('ran');
    expect(finished()).toHaveLength(0);
    expect(diagnostics.invalidTrackCalls).toBe(2);
  });

  it('a thenable whose then() throws is returned as is; the span still ends, the failure is counted', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable whose then() throws is what this test is about
      then() {
        throw new Error('broken thenable');
      },
    };
    expect(tracker.track('op', () => broken)).toBe(broken);
    expect(finished()).toHaveLength(1);
    expect(diagnostics.internalErrors).toBe(1);
  });
});
