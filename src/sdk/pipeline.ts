import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Resource } from '@opentelemetry/resources';
import type { Diagnostics } from '../diagnostics.js';
import type { ResolvedConfig } from '../options.js';
import { CountingExporter, GuardedSpanProcessor, queueOptions } from './counting.js';
import { MAX_HELD_RECORDS } from './held.js';
import { LazyExporter, PipelineLoader } from './lazy-exporter.js';
import type { OtlpExporters } from './otlp-exporters.js';
import type { SessionSampler } from './sampler.js';
import { StandInLoggerProvider, type FlushableLoggerProvider } from './stand-in-logs.js';
import { StandInMeterProvider, type FlushableMeterProvider } from './stand-in-metrics.js';

type Chunk = typeof import('./pipeline-chunk.js');

/** What the pipeline chunk brings: the real providers, and the OTLP exporters when an endpoint is set. */
export interface LoadedPipeline {
  otlp: OtlpExporters | undefined;
  meterProvider: FlushableMeterProvider;
  loggerProvider: FlushableLoggerProvider;
  attachDelivery: Chunk['attachDelivery'];
  /** The sketch code of ft.stats (kept samples until then). */
  createSketch: Chunk['createSketch'];
}

/**
 * The critical-path half of the pipeline: stand-in meter and logger providers, the trace
 * exporters (the OTLP one a LazyExporter) and the loader of the chunk that brings the rest.
 * `onLoad` runs once the chunk is in, before the stand-ins replay what they hold and before any
 * held span export is handed over (the delivery layer must wrap the transports first).
 */
export function createPipeline(
  config: ResolvedConfig,
  resource: Resource,
  diagnostics: Diagnostics,
  onLoad: (loaded: LoadedPipeline) => void,
  /** true once the handle is shut down: a chunk arriving later builds no providers (no timers). */
  closed: () => boolean,
  max = MAX_HELD_RECORDS,
) {
  const urls = config.urls;
  const loader: PipelineLoader<LoadedPipeline> = new PipelineLoader(
    () =>
      import('./pipeline-chunk.js').then((m) => {
        const otlp = urls ? m.createOtlpExporters(urls, config.headers) : undefined;
        if (closed()) return { otlp } as LoadedPipeline;
        const metricExporters = [...(otlp ? [otlp.metrics] : []), ...config.exporters.metrics];
        const logExporters = [...(otlp ? [otlp.logs] : []), ...config.exporters.logs];
        const loaded: LoadedPipeline = {
          otlp,
          meterProvider: m.buildMeterProvider(config, resource, metricExporters, diagnostics),
          loggerProvider: m.buildLoggerProvider(config, resource, logExporters, diagnostics),
          attachDelivery: m.attachDelivery,
          createSketch: m.createSketch,
        };
        onLoad(loaded);
        meterProvider.attach(loaded.meterProvider);
        loggerProvider.attach(loaded.loggerProvider);
        return loaded;
      }),
    diagnostics,
    // Both loads failed: what the stand-ins hold, and will be given, can never be exported.
    () => {
      meterProvider.abandon();
      loggerProvider.abandon();
    },
  );
  const handle = { ready: () => loader.ready(), hurry: () => void loader.ready().catch(() => {}) };
  const meterProvider = new StandInMeterProvider(handle, max, () => diagnostics.heldDropped.metrics++);
  const loggerProvider = new StandInLoggerProvider(handle, max, () => diagnostics.heldDropped.logs++);
  loader.loadWhenIdle();
  const traces: SpanExporter[] = [
    ...(urls ? [new LazyExporter<ReadableSpan[], LoadedPipeline>(loader, (p) => p.otlp!.traces)] : []),
    ...config.exporters.traces,
  ];
  return { loader, meterProvider, loggerProvider, traces };
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
