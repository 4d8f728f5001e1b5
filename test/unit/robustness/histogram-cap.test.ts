import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { AggregationTemporality, InMemoryMetricExporter } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { type Frametel, register } from '../../../src/index.js';
import { MAX_HISTOGRAM_OPERATIONS } from '../../../src/stats/processor.js';
import { dataPointsOf } from '../../support/sdk.js';

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
});

describe('ui.operation.duration with unbounded operation names', () => {
  it('keeps at most 1 000 series; further operations fold into otel.metric.overflow and are counted', async () => {
    const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    ft = register({
      serviceName: 'unit',
      endpoint: false,
      metricExportIntervalMs: 60_000,
      exporters: { traces: [new InMemorySpanExporter()], metrics: [metrics] },
    });
    const extra = 250;
    for (let i = 0; i < MAX_HISTOGRAM_OPERATIONS + extra; i++) ft.track(`op.${i}`, () => i);
    // An operation that already has its series keeps it after the cap.
    ft.track('op.0', () => 0);
    await ft.forceFlush();
    const points = dataPointsOf(metrics.getMetrics(), 'ui.operation.duration') as Array<{
      attributes: Record<string, unknown>;
      value: { count: number };
    }>;
    const named = points.filter((p) => typeof p.attributes['ui.operation'] === 'string');
    const overflow = points.filter((p) => p.attributes['otel.metric.overflow'] === true);
    expect(MAX_HISTOGRAM_OPERATIONS).toBe(1000);
    expect(named).toHaveLength(MAX_HISTOGRAM_OPERATIONS);
    expect(named.find((p) => p.attributes['ui.operation'] === 'op.0')?.value.count).toBe(2);
    expect(named.some((p) => p.attributes['ui.operation'] === `op.${MAX_HISTOGRAM_OPERATIONS}`)).toBe(false);
    expect(overflow).toHaveLength(1);
    expect(overflow[0]!.value.count).toBe(extra);
    expect(ft.diagnostics().histogramSamplesOverflowed).toBe(extra);
  });

  it('below the cap nothing overflows', async () => {
    ft = register({ serviceName: 'unit', endpoint: false, exporters: { traces: [new InMemorySpanExporter()] } });
    for (let i = 0; i < 10; i++) ft.track(`op.${i}`, () => i);
    await ft.forceFlush();
    expect(ft.diagnostics().histogramSamplesOverflowed).toBe(0);
  });
});
