import type { Attributes } from '@opentelemetry/api';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type Sampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** A plain OTel SDK (no frametel register) with in-memory exporters for all three signals. */
export function plainSdk(
  processors: (p: { meterProvider: MeterProvider; loggerProvider: LoggerProvider }) => SpanProcessor[],
  sampler?: Sampler,
) {
  const spans = new InMemorySpanExporter();
  const logRecords = new InMemoryLogRecordExporter();
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logRecords })] });
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [...processors({ meterProvider, loggerProvider }), new SimpleSpanProcessor(spans)],
    ...(sampler ? { sampler } : {}),
  });
  const tracer = tracerProvider.getTracer('test');
  return {
    spans,
    logRecords,
    tracerProvider,
    meterProvider,
    loggerProvider,
    /** Ends a span that lasted exactly `ms` (explicit start and end times). */
    spanOf(name: string, ms: number, attributes: Attributes) {
      const start = 1_700_000_000_000;
      const span = tracer.startSpan(name, { startTime: start, attributes });
      span.end(start + ms);
      return span;
    },
    async metrics(): Promise<ResourceMetrics[]> {
      await reader.forceFlush();
      return metricExporter.getMetrics();
    },
  };
}

/** Data points of one metric across all exported batches (the last batch wins for cumulative). */
export function dataPointsOf(batches: ResourceMetrics[], name: string): DataPoint<unknown>[] {
  const last = batches.at(-1);
  if (!last) return [];
  return last.scopeMetrics.flatMap((sm) =>
    sm.metrics.filter((m) => m.descriptor.name === name).flatMap((m) => m.dataPoints as DataPoint<unknown>[]),
  );
}
