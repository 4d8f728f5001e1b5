import type { Attributes, Histogram, Meter } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_UI_OPERATION, DURATION_BUCKETS_S, METRIC_UI_OPERATION_DURATION } from '../semconv.js';
import type { OperationStats } from './operation-stats.js';

/**
 * Feeds every span that carries `ui.operation` into the operation stats and the
 * `ui.operation.duration` histogram. Runs in onEnd, after the budget processor's onEnding, on
 * sampled and sampled-out spans alike.
 */
export class OperationStatsSpanProcessor implements SpanProcessor {
  private readonly histogram: Histogram;
  // One frozen attribute object per operation: no allocation per span on the hot path.
  private readonly histogramAttributes = new Map<string, Attributes>();

  constructor(
    private readonly stats: OperationStats,
    meter: Meter,
  ) {
    this.histogram = meter.createHistogram(METRIC_UI_OPERATION_DURATION, {
      description: 'Duration of UI operations (frametel spans), by ui.operation',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    const operation = span.attributes[ATTR_UI_OPERATION];
    if (typeof operation !== 'string') return;
    const ms = hrTimeToMilliseconds(span.duration);
    this.stats.record(operation, ms, hrTimeToMilliseconds(span.endTime));
    let attrs = this.histogramAttributes.get(operation);
    if (attrs === undefined) {
      attrs = Object.freeze({ [ATTR_UI_OPERATION]: operation });
      this.histogramAttributes.set(operation, attrs);
    }
    this.histogram.record(ms / 1000, attrs);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
