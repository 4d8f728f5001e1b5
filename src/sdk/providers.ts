/**
 * The metrics and logs SDK providers (sdk-metrics, sdk-logs) and the span batch processors: part
 * of the lazily imported pipeline chunk (pipeline-chunk.ts). Until they are built,
 * StandInMeterProvider, StandInLoggerProvider and HoldingSpanProcessor hold what frametel and the
 * instrumentations record.
 */
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  type LogRecordExporter,
  type LogRecordProcessor,
  type SdkLogRecord,
} from '@opentelemetry/sdk-logs';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ExportResult } from '@opentelemetry/core';
import { BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Resource } from '@opentelemetry/resources';
import { RecordIdProcessor } from '../delivery/record-id.js';
import type { Diagnostics, ExportLedger } from '../diagnostics.js';
import type { ResolvedConfig } from '../options.js';
import type { Context } from '@opentelemetry/api';
import { CountingExporter, GuardedSpanProcessor, QueueGuard, queueOptions } from './counting.js';

export function countDataPoints(batch: ResourceMetrics[]): number {
  let n = 0;
  for (const rm of batch) for (const sm of rm.scopeMetrics) for (const m of sm.metrics) n += m.dataPoints.length;
  return n;
}

/** QueueGuard in front of a log batch processor (see counting.ts). */
export class GuardedLogRecordProcessor extends QueueGuard implements LogRecordProcessor {
  constructor(
    private readonly inner: LogRecordProcessor,
    exporter: CountingExporter<unknown>,
    ledger: ExportLedger,
    maxQueueSize: number,
  ) {
    super(exporter, ledger, maxQueueSize);
  }

  onEmit(record: SdkLogRecord, context?: Context): void {
    if (this.admit()) this.inner.onEmit(record, context);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

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
 * One batch processor per trace exporter, each behind a queue guard and counting its exports into
 * `diagnostics().traces`. The browser BatchSpanProcessor adds its own hide listeners when built
 * (here, at chunk load); delivery's capture-phase ones still run first (src/delivery/delivery.ts).
 */
export function buildSpanProcessors(
  config: ResolvedConfig,
  exporters: SpanExporter[],
  diagnostics: Diagnostics,
): SpanProcessor[] {
  return exporters.map((exporter) => {
    const counted = new CountingExporter(exporter, diagnostics.traces, 'traces');
    return new GuardedSpanProcessor(
      new BatchSpanProcessor(counted, queueOptions(config)),
      counted,
      diagnostics.traces,
      config.maxQueueSize,
    );
  });
}
