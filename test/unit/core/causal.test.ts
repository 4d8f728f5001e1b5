import { context, ROOT_CONTEXT, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { causeContext, clearCause, DEFAULT_CAUSE_WINDOW_MS, noteCause } from '../../../src/context/causal.js';

const sc = (spanId: string): SpanContext => ({ traceId: '1'.repeat(32), spanId, traceFlags: TraceFlags.SAMPLED });
const withSpan = (spanContext: SpanContext) => trace.setSpanContext(ROOT_CONTEXT, spanContext);
const parentOf = (ctx: ReturnType<typeof causeContext>) => (ctx ? trace.getSpanContext(ctx)?.spanId : undefined);

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => context.disable());
beforeEach(() => clearCause());

describe('causal context: deferred work is parented on the cause noted shortly before it', () => {
  it('without a noted cause and no active span there is no parent', () => {
    expect(causeContext()).toBeUndefined();
  });

  it('returns the latest noted cause within the window, by ids only', () => {
    noteCause(withSpan(sc('a'.repeat(16))));
    noteCause(withSpan(sc('b'.repeat(16))));
    const ctx = causeContext();
    expect(parentOf(ctx)).toBe('b'.repeat(16));
    expect(trace.getSpan(ctx!)?.spanContext().traceId).toBe('1'.repeat(32));
  });

  it('ignores a cause older than the window and one noted after the work started', () => {
    noteCause(withSpan(sc('a'.repeat(16))));
    const notedAt = performance.now();
    expect(causeContext(notedAt + DEFAULT_CAUSE_WINDOW_MS + 5)).toBeUndefined();
    expect(parentOf(causeContext(notedAt + 100, 50))).toBeUndefined();
    expect(parentOf(causeContext(notedAt + 40, 50))).toBe('a'.repeat(16));
    expect(causeContext(notedAt - 10)).toBeUndefined();
  });

  it('prefers the active span: work inside a synchronous cause is simply its child', () => {
    noteCause(withSpan(sc('a'.repeat(16))));
    const active = withSpan(sc('c'.repeat(16)));
    context.with(active, () => expect(parentOf(causeContext())).toBe('c'.repeat(16)));
  });

  it('notes nothing for a context without a span or with an invalid span context', () => {
    noteCause(ROOT_CONTEXT);
    noteCause(withSpan({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 }));
    expect(causeContext()).toBeUndefined();
  });

  it('clearCause forgets the noted cause', () => {
    noteCause(withSpan(sc('a'.repeat(16))));
    clearCause();
    expect(causeContext()).toBeUndefined();
  });
});
