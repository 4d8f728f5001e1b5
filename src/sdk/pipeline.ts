import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  type LogRecordExporter,
  type LogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ExportResult } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import { RecordIdProcessor } from '../delivery/record-id.js';
import type { Diagnostics, ExportLedger } from '../diagnostics.js';
import type { ResolvedConfig } from '../options.js';
import { CountingExporter, GuardedLogRecordProcessor, GuardedSpanProcessor, countDataPoints } from './counting.js';
import { LazyExporter, LazyMetricExporter, PipelineLoader } from './lazy-exporter.js';
import type { OtlpExporters } from './otlp-exporters.js';
import type { SessionSampler } from './sampler.js';

/** Metric exporter wrapper: counts data points exported and failed. */
class CountingMetricExporter implements PushMetricExporter {
  private readonly counter: CountingExporter<ResourceMetrics>;

  constructor(
    private readonly inner: PushMetricExporter,
    ledger: ExportLedger,
  ) {
    this.counter = new CountingExporter<ResourceMetrics>(
      { export: (items, done) => inner.export(items[0] as ResourceMetrics, done), shutdown: () => inner.shutdown() },
      ledger,
      'metrics',
      countDataPoints,
    );
    if (inner.selectAggregationTemporality)
      this.selectAggregationTemporality = inner.selectAggregationTemporality.bind(inner);
    if (inner.selectAggregation) this.selectAggregation = inner.selectAggregation.bind(inner);
  }

  selectAggregationTemporality?: PushMetricExporter['selectAggregationTemporality'];
  selectAggregation?: PushMetricExporter['selectAggregation'];

  export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void {
    this.counter.export([metrics], done);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/**
 * OTLP exporters (when an endpoint is set) followed by the user's extra exporters. The OTLP ones
 * are stand-ins (LazyExporter) for the real exporters in otlp-exporters.ts, which are loaded by
 * `import()` after the page's load event: the exporter packages stay off the critical path and
 * what is recorded meanwhile is held, not lost.
 */
export function exportersOf(
  config: ResolvedConfig,
  diagnostics: Diagnostics,
  /** Called with the real exporters when the chunk is in, before any held export is handed over. */
  onLoad?: (real: OtlpExporters) => void,
) {
  const urls = config.urls;
  const headers = config.headers;
  const loader = urls
    ? new PipelineLoader(
        () =>
          import('./otlp-exporters.js').then((m) => {
            const real = m.createOtlpExporters(urls, headers);
            onLoad?.(real);
            return real;
          }),
        diagnostics,
      )
    : undefined;
  loader?.loadWhenIdle();
  return {
    traces: [
      ...(loader ? [new LazyExporter<ReadableSpan[]>(loader, (e) => e.traces)] : []),
      ...config.exporters.traces,
    ] as SpanExporter[],
    metrics: [...(loader ? [new LazyMetricExporter(loader)] : []), ...config.exporters.metrics] as PushMetricExporter[],
    logs: [
      ...(loader ? [new LazyExporter<Parameters<LogRecordExporter['export']>[0]>(loader, (e) => e.logs)] : []),
      ...config.exporters.logs,
    ] as LogRecordExporter[],
  };
}

function queueOptions(config: ResolvedConfig) {
  return { maxQueueSize: config.maxQueueSize, maxExportBatchSize: Math.min(512, config.maxQueueSize) };
}

/** A MeterProvider with one periodic reader per exporter, each counted into diagnostics. */
export function buildMeterProvider(
  config: ResolvedConfig,
  resource: Resource,
  exporters: PushMetricExporter[],
  diagnostics: Diagnostics,
): MeterProvider {
  const exportIntervalMillis = config.metricExportIntervalMs;
  const readers = exporters.map(
    (exporter) =>
      new PeriodicExportingMetricReader({
        exporter: new CountingMetricExporter(exporter, diagnostics.metrics),
        exportIntervalMillis,
        exportTimeoutMillis: Math.min(exportIntervalMillis, 30_000),
      }),
  );
  return new MeterProvider({ resource, readers });
}

/** A LoggerProvider with one batch processor per exporter; full queues are counted as drops. */
export function buildLoggerProvider(
  config: ResolvedConfig,
  resource: Resource,
  exporters: LogRecordExporter[],
  diagnostics: Diagnostics,
): LoggerProvider {
  // With persistence, every record gets a log.record.uid first: the id a re-send is recognised by.
  const processors: LogRecordProcessor[] = config.persistence ? [new RecordIdProcessor()] : [];
  for (const exporter of exporters) {
    const counted = new CountingExporter(exporter, diagnostics.logs, 'logs');
    const guarded = new GuardedLogRecordProcessor(
      new BatchLogRecordProcessor({ exporter: counted as unknown as LogRecordExporter, ...queueOptions(config) }),
      counted as CountingExporter<unknown>,
      diagnostics.logs,
      config.maxQueueSize,
    );
    processors.push(guarded);
  }
  return new LoggerProvider({ resource, processors });
}

/**
 * A WebTracerProvider whose `ownProcessors` (budgets, stats) run before the exporting batch
 * processors, so their attributes are on the span before any exporter sees it.
 */
export function buildTracerProvider(
  config: ResolvedConfig,
  resource: Resource,
  sampler: SessionSampler,
  ownProcessors: SpanProcessor[],
  exporters: SpanExporter[],
  diagnostics: Diagnostics,
): WebTracerProvider {
  const spanProcessors: SpanProcessor[] = [...ownProcessors];
  for (const exporter of exporters) {
    const counted = new CountingExporter(exporter, diagnostics.traces, 'traces');
    spanProcessors.push(
      new GuardedSpanProcessor(
        new BatchSpanProcessor(counted, queueOptions(config)),
        counted,
        diagnostics.traces,
        config.maxQueueSize,
      ),
    );
  }
  return new WebTracerProvider({ resource, sampler, spanProcessors });
}
