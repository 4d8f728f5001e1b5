import type { Attributes, Context, Histogram, Meter } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { spanWatcher } from '../context/span-watch.js';
import type { Diagnostics } from '../diagnostics.js';
import {
  ATTR_OTEL_METRIC_OVERFLOW,
  ATTR_UI_OPERATION,
  DURATION_BUCKETS_S,
  METRIC_UI_OPERATION_DURATION,
} from '../semconv.js';
import type { OperationStatsBase as OperationStats } from './operation-stats-base.js';

/**
 * Distinct operations given their own `ui.operation.duration` series (as the tracker caches 1 000
 * attribute sets); samples of further ones are folded into one overflow series.
 */
export const MAX_HISTOGRAM_OPERATIONS = 1000;
/** OTel's own overflow attribute set, as the SDK uses it past a cardinality limit. */
const OVERFLOW_ATTRIBUTES: Attributes = Object.freeze({ [ATTR_OTEL_METRIC_OVERFLOW]: true });

/**
 * Feeds every span that carries `ui.operation` into the operation stats and the
 * `ui.operation.duration` histogram. Runs in onEnd, after the budget processor's onEnding, on
 * sampled and sampled-out spans alike. It is also the span-watch slot's feed (one processor call
 * per span less than a processor of its own).
 */
export class OperationStatsSpanProcessor implements SpanProcessor {
  private readonly histogram: Histogram;
  // One frozen attribute object per operation: no allocation per span on the hot path.
  private readonly histogramAttributes = new Map<string, Attributes>();

  constructor(
    private readonly stats: OperationStats,
    meter: Meter,
    private readonly diagnostics?: Pick<Diagnostics, 'histogramSamplesOverflowed'>,
  ) {
    this.histogram = meter.createHistogram(METRIC_UI_OPERATION_DURATION, {
      description: 'Duration of UI operations (frametel spans), by ui.operation',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
  }

  /** Also forwards every span to the span-watch slot (src/context/span-watch.ts), if set. */
  onStart(span: Span, parentContext: Context): void {
    spanWatcher?.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    spanWatcher?.onEnd(span);
    const operation = span.attributes[ATTR_UI_OPERATION];
    if (typeof operation !== 'string') return;
    const ms = hrTimeToMilliseconds(span.duration);
    this.stats.record(operation, ms, hrTimeToMilliseconds(span.endTime));
    this.histogram.record(ms / 1000, this.attributesFor(operation));
  }

  private attributesFor(operation: string): Attributes {
    let attrs = this.histogramAttributes.get(operation);
    if (attrs !== undefined) return attrs;
    if (this.histogramAttributes.size >= MAX_HISTOGRAM_OPERATIONS) {
      if (this.diagnostics) this.diagnostics.histogramSamplesOverflowed++;
      return OVERFLOW_ATTRIBUTES;
    }
    attrs = Object.freeze({ [ATTR_UI_OPERATION]: operation });
    this.histogramAttributes.set(operation, attrs);
    return attrs;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
