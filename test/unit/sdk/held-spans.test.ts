import { context, type Context, type Attributes } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  type Sampler,
  SamplingDecision,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDiagnostics } from '../../../src/diagnostics.js';
import { HoldingSpanProcessor } from '../../../src/sdk/held-spans.js';
import { buildSpanProcessors } from '../../../src/sdk/providers.js';

/** The pipeline as the holder sees it: ready() builds the chunk's batch processors (or fails). */
function fakePipeline(build: () => SpanProcessor[], options: { fail?: boolean } = {}) {
  const calls = { ready: 0, hurry: 0 };
  let holder!: HoldingSpanProcessor;
  const handle = {
    ready: async () => {
      calls.ready++;
      if (options.fail) throw new Error('chunk 404');
      holder.attach(build);
    },
    hurry: () => void calls.hurry++,
  };
  return { calls, handle, set: (h: HoldingSpanProcessor) => void (holder = h) };
}

/** Like the budget processor: sets an attribute while the span ends, before the holder sees it. */
class OwnProcessor implements SpanProcessor {
  onStart(_span: Span, _ctx: Context): void {}
  onEnding(span: Span): void {
    span.setAttribute('ui.budget.ms', 16);
  }
  onEnd(_span: ReadableSpan): void {}
  forceFlush = async () => {};
  shutdown = async () => {};
}

/** A tracer provider as register() builds it: own processors first, then the holder. */
function setUp(options: { max?: number; exporters?: number; fail?: boolean; sampler?: Sampler } = {}) {
  const diagnostics = createDiagnostics();
  const exporters = Array.from({ length: options.exporters ?? 1 }, () => new InMemorySpanExporter());
  const config = { maxQueueSize: 2048 } as Parameters<typeof buildSpanProcessors>[0];
  let builds = 0;
  const pipeline = fakePipeline(() => {
    builds++;
    return buildSpanProcessors(config, exporters, diagnostics);
  }, options);
  const shutDownUnattached: string[] = [];
  const holder = new HoldingSpanProcessor(
    pipeline.handle,
    options.max ?? 2048,
    () => diagnostics.heldDropped.traces++,
    async () => void shutDownUnattached.push('app exporters'),
  );
  pipeline.set(holder);
  const provider = new BasicTracerProvider({
    spanProcessors: [new OwnProcessor(), holder],
    ...(options.sampler ? { sampler: options.sampler } : {}),
  });
  const tracer = provider.getTracer('test');
  const end = (name: string, attributes?: Attributes) => tracer.startSpan(name, { attributes }).end();
  return { diagnostics, exporters, holder, pipeline, provider, tracer, end, builds: () => builds, shutDownUnattached };
}

const names = (e: InMemorySpanExporter) => e.getFinishedSpans().map((s) => s.name);

describe('HoldingSpanProcessor: ended spans held until the chunk brings the batch processors', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => void context.setGlobalContextManager(manager.enable()));
  afterAll(() => {
    context.disable();
  });

  it('spans ended before the chunk are exported after it, in order, the same spans: ids, parents, attributes', async () => {
    const t = setUp();
    const ended: ReadableSpan[] = [];
    t.tracer.startActiveSpan('parent', (parent) => {
      t.tracer.startSpan('child', { attributes: { n: 1 } }).end();
      t.end('sibling', { n: 2 });
      parent.end();
      ended.push(parent as unknown as ReadableSpan);
    });
    t.end('after', { n: 3 });
    expect(t.builds()).toBe(0);
    expect(t.holder.attached).toBeUndefined();
    expect(t.pipeline.calls.ready).toBe(0); // holding does not load the chunk by itself

    await t.provider.forceFlush(); // spans wait: the flush loads the chunk and delivers them
    expect(t.pipeline.calls.ready).toBe(1);
    const spans = t.exporters[0]!.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['child', 'sibling', 'parent', 'after']);
    const parent = spans[2]!;
    expect(parent).toBe(ended[0]); // the span object itself, not a copy made at replay
    expect(spans[0]!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(spans[1]!.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(spans[3]!.parentSpanContext).toBeUndefined();
    expect(spans.map((s) => s.attributes)).toEqual([
      { n: 1, 'ui.budget.ms': 16 },
      { n: 2, 'ui.budget.ms': 16 },
      { 'ui.budget.ms': 16 },
      { n: 3, 'ui.budget.ms': 16 },
    ]);
    expect(t.diagnostics.traces).toMatchObject({ exported: 4, failed: 0, dropped: 0 });
    expect(t.diagnostics.heldDropped.traces).toBe(0);

    // After attach spans go straight to the batch processor (no more holding).
    t.end('later');
    await t.provider.forceFlush();
    expect(names(t.exporters[0]!).at(-1)).toBe('later');
    expect(t.builds()).toBe(1);
    await t.provider.shutdown();
  });

  it('hands every held span to each exporter batch processor (one per exporter), each counted', async () => {
    const t = setUp({ exporters: 2 });
    for (const name of ['a', 'b', 'c']) t.end(name);
    await t.holder.forceFlush();
    expect(names(t.exporters[0]!)).toEqual(['a', 'b', 'c']);
    expect(names(t.exporters[1]!)).toEqual(['a', 'b', 'c']);
    expect(t.diagnostics.traces.exported).toBe(6);
    await t.provider.shutdown();
  });

  it('past its bound drops the oldest, counts each in heldDropped.traces, asks for the chunk at half full', async () => {
    const t = setUp({ max: 4 });
    t.end('s1');
    expect(t.pipeline.calls.hurry).toBe(0);
    t.end('s2');
    expect(t.pipeline.calls.hurry).toBe(1); // 2 of 4 held: before any drop
    for (let i = 3; i <= 7; i++) t.end(`s${i}`);
    expect(t.diagnostics.heldDropped.traces).toBe(3);
    expect(t.pipeline.calls.hurry).toBe(1);
    await t.holder.forceFlush();
    expect(names(t.exporters[0]!)).toEqual(['s4', 's5', 's6', 's7']);
    expect(t.diagnostics.traces).toMatchObject({ exported: 4, dropped: 0 });
    await t.provider.shutdown();
  });

  it('holds only sampled spans (unsampled ones are never exported, and take no room)', async () => {
    const recordOnly: Sampler = { shouldSample: () => ({ decision: SamplingDecision.RECORD }) };
    const t = setUp({ max: 2, sampler: recordOnly });
    for (let i = 0; i < 5; i++) t.end(`unsampled${i}`);
    expect(t.diagnostics.heldDropped.traces).toBe(0);
    expect(t.pipeline.calls.hurry).toBe(0);
    await t.holder.forceFlush();
    expect(t.pipeline.calls.ready).toBe(0); // nothing waits: the flush does not load the chunk
  });

  it('forceFlush with nothing held never loads the chunk; with spans held it waits for the chunk and the export', async () => {
    const t = setUp();
    await t.holder.forceFlush();
    expect(t.pipeline.calls.ready).toBe(0);
    t.end('held');
    const flushed = t.holder.forceFlush();
    expect(t.exporters[0]!.getFinishedSpans()).toEqual([]);
    await flushed;
    expect(names(t.exporters[0]!)).toEqual(['held']);
    await t.provider.shutdown();
  });

  it('a chunk that failed to load twice: held spans and every later one are counted as dropped, flush and shutdown settle', async () => {
    const t = setUp({ fail: true });
    t.end('a');
    t.end('b');
    await t.holder.forceFlush(); // the (fake) loader rejects; the real one gives up after its retry
    expect(t.diagnostics.heldDropped.traces).toBe(0);
    t.holder.abandon(); // what PipelineLoader's onGiveUp does after the second failure
    expect(t.diagnostics.heldDropped.traces).toBe(2);
    t.end('c');
    expect(t.diagnostics.heldDropped.traces).toBe(3);
    await expect(t.holder.forceFlush()).resolves.toBeUndefined();
    await expect(t.provider.shutdown()).resolves.toBeUndefined();
    expect(t.diagnostics.traces).toMatchObject({ exported: 0, failed: 0 });
  });

  it('shutdown before the chunk with nothing held: no load, the app exporters are shut down, later spans and a late chunk are ignored', async () => {
    const t = setUp();
    await t.provider.shutdown();
    expect(t.pipeline.calls.ready).toBe(0);
    expect(t.shutDownUnattached).toEqual(['app exporters']);
    t.tracer.startSpan('after shutdown').end();
    await t.holder.forceFlush(); // nothing was held: no load
    expect(t.pipeline.calls.ready).toBe(0);
    t.holder.attach(() => {
      throw new Error('built after shutdown');
    });
    expect(t.holder.attached).toBeUndefined();
    expect(t.diagnostics.heldDropped.traces).toBe(0);
  });

  it('shutdown with spans held loads the chunk, exports them, then shuts the batch processors and exporters down', async () => {
    const t = setUp();
    t.end('last words');
    await t.provider.shutdown();
    expect(t.pipeline.calls.ready).toBe(1);
    expect(t.diagnostics.traces.exported).toBe(1);
    // InMemorySpanExporter.shutdown() empties it: what it exported was counted above, and it is stopped.
    expect(t.exporters[0]!.getFinishedSpans()).toEqual([]);
    expect(t.shutDownUnattached).toEqual([]);
    t.end('after shutdown');
    await t.holder.forceFlush();
    expect(t.diagnostics.traces.exported).toBe(1);
  });
});

describe('HoldingSpanProcessor: when the held spans are sent after the chunk arrives', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('held past the batch delay (5 s): sent at attach, without waiting another delay', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const t = setUp();
    t.end('early');
    vi.setSystemTime(1_000_000 + 4000);
    t.end('later'); // the delay counts from the first span held, as the batch processor's timer does
    vi.setSystemTime(1_000_000 + 5000);
    t.holder.attach(() => buildSpanProcessors({ maxQueueSize: 2048 } as never, t.exporters, t.diagnostics));
    await vi.advanceTimersByTimeAsync(0);
    expect(names(t.exporters[0]!)).toEqual(['early', 'later']);
  });

  it('held for less: the batch processor sends them on its own schedule (or at a flush)', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const t = setUp();
    t.end('recent');
    vi.setSystemTime(1_000_000 + 1000);
    t.holder.attach(() => buildSpanProcessors({ maxQueueSize: 2048 } as never, t.exporters, t.diagnostics));
    await vi.advanceTimersByTimeAsync(0);
    expect(names(t.exporters[0]!)).toEqual([]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(names(t.exporters[0]!)).toEqual(['recent']);
  });
});
