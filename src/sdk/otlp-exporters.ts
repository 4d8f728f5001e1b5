/**
 * The OTLP/HTTP exporters (JSON serialisation, transports, retry). Part of the pipeline chunk
 * (pipeline-chunk.ts), loaded only through `import()` from pipeline.ts, so a bundler puts this
 * module and the exporter packages in a chunk of their own, off the critical path.
 */
import { AggregationTemporalityPreference, OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface OtlpUrls {
  traces: string;
  metrics: string;
  logs: string;
}

export interface OtlpExporters {
  traces: SpanExporter;
  metrics: PushMetricExporter;
  logs: LogRecordExporter;
}

export function createOtlpExporters(urls: OtlpUrls, headers: Record<string, string>): OtlpExporters {
  return {
    traces: new OTLPTraceExporter({ url: urls.traces, headers }),
    // Delta temporality: many short-lived browser sessions share one resource, and delta
    // points from them add up correctly in every back end; cumulative ones would collide.
    metrics: new OTLPMetricExporter({
      url: urls.metrics,
      headers,
      temporalityPreference: AggregationTemporalityPreference.DELTA,
    }),
    logs: new OTLPLogExporter({ url: urls.logs, headers }),
  };
}
