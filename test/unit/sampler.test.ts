import { context, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionSampler, sessionSamplingDecision } from '../../src/sdk/sampler.js';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}
const g = globalThis as { sessionStorage?: unknown };
afterEach(() => {
  delete g.sessionStorage;
});

describe('sessionSamplingDecision', () => {
  it('rate 1 always samples and rate 0 never does, without drawing', () => {
    const draw = () => {
      throw new Error('must not draw');
    };
    expect(sessionSamplingDecision('s', 1, draw)).toBe(true);
    expect(sessionSamplingDecision('s', 0, draw)).toBe(false);
  });

  it('draws once per session and reuses the stored decision for the same service and rate', () => {
    const storage = new MemoryStorage();
    g.sessionStorage = storage;
    expect(sessionSamplingDecision('shop', 0.3, () => 0.1)).toBe(true);
    expect(storage.items.get('frametel.sampled:shop')).toBe('0.3|1');
    // A reload in the same tab: the stored decision wins over a new draw.
    expect(sessionSamplingDecision('shop', 0.3, () => 0.9)).toBe(true);
    // The rate changed: draw again.
    expect(sessionSamplingDecision('shop', 0.05, () => 0.1)).toBe(false);
    expect(storage.items.get('frametel.sampled:shop')).toBe('0.05|0');
  });

  it('works when storage throws (privacy mode): the draw decides for this page', () => {
    g.sessionStorage = {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('SecurityError');
      },
    };
    expect(sessionSamplingDecision('shop', 0.5, () => 0.2)).toBe(true);
    expect(sessionSamplingDecision('shop', 0.5, () => 0.7)).toBe(false);
  });

  it('samples about `rate` of sessions', () => {
    let n = 0;
    for (let i = 0; i < 10_000; i++) if (sessionSamplingDecision('x', 0.25)) n++;
    expect(n / 10_000).toBeGreaterThan(0.22);
    expect(n / 10_000).toBeLessThan(0.28);
  });
});

describe('SessionSampler', () => {
  const parentCtx = (sampled: boolean) =>
    trace.setSpanContext(context.active(), {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    });

  it('never drops: a sampled-out session records (for budgets and stats) but does not sample', () => {
    expect(new SessionSampler(false).shouldSample(context.active()).decision).toBe(SamplingDecision.RECORD);
    expect(new SessionSampler(true).shouldSample(context.active()).decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('children follow their parent, so a trace is never cut in half', () => {
    expect(new SessionSampler(false).shouldSample(parentCtx(true)).decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(new SessionSampler(true).shouldSample(parentCtx(false)).decision).toBe(SamplingDecision.RECORD);
  });
});
