import { TraceFlags, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { HeldRecords, type PipelineHandle } from './held.js';

/** The batch processor's export delay (its default `scheduledDelayMillis`; frametel sets none). */
const BATCH_DELAY_MS = 5000;

/**
 * The exporting span processors' place on the critical path: the batch processors (sdk-trace's
 * BatchSpanProcessor and its metrics, frametel's queue guard and export counting) come with the
 * pipeline chunk, one per trace exporter (providers.ts `buildSpanProcessors`). Until then this
 * holds each ended, sampled span — the span object itself, so ids, parent, attributes, events and
 * times are the ones the app's processors saw — bounded like the stand-in providers' records:
 * past `max` the oldest is dropped and counted (`diagnostics().heldDropped.traces`), half full asks
 * for the chunk at once. At attach the held spans go to every batch processor in the order they
 * ended; afterwards each call is forwarded directly.
 *
 * It sits last in the tracer provider's processor list, as the batch processors did, so
 * frametel's own processors (budgets, stats) have set their attributes before a span is held.
 */
export class HoldingSpanProcessor implements SpanProcessor {
  private real: SpanProcessor[] | undefined;
  private readonly held: HeldRecords<ReadableSpan>;
  /** shutdown() was called before the chunk: later spans are ignored, as a shut-down batch processor does. */
  private stopped = false;
  /** When the first of the spans now held was held (Date.now()). */
  private since = 0;

  constructor(
    private readonly pipeline: PipelineHandle,
    max: number,
    onDrop: () => void,
    /**
     * Shuts down the app's own trace exporters when shutdown() comes before the chunk with nothing
     * held: their batch processors would have shut them down, and the chunk is not fetched for that.
     */
    private readonly shutdownUnattached: () => Promise<unknown> = async () => {},
  ) {
    this.held = new HeldRecords<ReadableSpan>(max, onDrop, () => pipeline.hurry());
  }

  /** The chunk's batch processors, once attached. */
  get attached(): readonly SpanProcessor[] | undefined {
    return this.real;
  }

  onStart(span: Span, parentContext: Context): void {
    if (this.real) for (const p of this.real) p.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    if (this.real) {
      for (const p of this.real) p.onEnd(span);
      return;
    }
    // Unsampled spans are never exported (the batch processor skips them): holding them would
    // only take room from the sampled ones.
    if (this.stopped || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.held.size === 0) this.since = Date.now();
    this.held.push(span);
  }

  /**
   * Builds the batch processors (`build`, from the chunk) and hands them the held spans, oldest
   * first; later spans go straight to them. After shutdown() nothing is built: a batch processor
   * made then would add hide listeners and timers that nothing shuts down.
   */
  attach(build: () => SpanProcessor[]): void {
    if (this.real || this.stopped) return;
    const processors = build();
    this.real = processors;
    const held = this.held.take();
    for (const span of held) for (const p of processors) p.onEnd(span);
    // Spans held past the batch delay are due: sent now, as an eagerly built batch processor would
    // have by then, rather than one more delay after the chunk came (on a slow page's late load).
    if (held.length > 0 && Date.now() - this.since >= BATCH_DELAY_MS) void this.forceFlush().catch(() => {});
  }

  /** The chunk failed to load twice: held and later spans are dropped and counted. */
  abandon(): void {
    this.held.abandon();
  }

  async forceFlush(): Promise<void> {
    // Loads the chunk only when spans wait for it (never just to flush nothing).
    if (!this.real && this.held.size > 0) await this.pipeline.ready().catch(() => {});
    if (this.real) await Promise.all(this.real.map((p) => p.forceFlush()));
  }

  async shutdown(): Promise<void> {
    if (!this.real && this.held.size > 0) await this.pipeline.ready().catch(() => {});
    this.stopped = true;
    await (this.real ? Promise.all(this.real.map((p) => p.shutdown())) : this.shutdownUnattached());
  }
}
