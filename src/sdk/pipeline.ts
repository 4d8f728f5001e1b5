import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { attachDelivery } from '../delivery/index.js';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import type { Resource } from '@opentelemetry/resources';
import type { Diagnostics } from '../diagnostics.js';
import { exportBatchSize, type ResolvedConfig } from '../options.js';
import type { SketchFactory } from '../stats/operation-stats-base.js';
import { MAX_HELD_RECORDS } from './held.js';
import { HoldingSpanProcessor } from './held-spans.js';
import { PipelineLoader } from './pipeline-loader.js';
import type { OtlpExporters } from './otlp-exporters.js';
import type { SessionSampler } from './sampler.js';
import { StandInLoggerProvider, type FlushableLoggerProvider } from './stand-in-logs.js';
import { StandInMeterProvider, type FlushableMeterProvider } from './stand-in-metrics.js';

/** What the pipeline chunk brings: the real providers, and the OTLP exporters when an endpoint is set. */
export interface LoadedPipeline {
  otlp: OtlpExporters | undefined;
  meterProvider: FlushableMeterProvider;
  loggerProvider: FlushableLoggerProvider;
  attachDelivery: typeof attachDelivery;
  /** The sketch code of ft.stats (kept samples until then). */
  createSketch: SketchFactory;
  /** The span batch processors, one per trace exporter (OTLP and the app's `exporters.traces`). */
  buildSpanProcessors: () => SpanProcessor[];
}

/**
 * The critical-path half of the pipeline: stand-in meter and logger providers, the holding span
 * processor (when spans are exported at all) and the loader of the chunk that brings the rest.
 * `onLoad` runs once the chunk is in, before the stand-ins replay what they hold and before the
 * held spans reach the batch processors (the delivery layer must wrap the transports first).
 */
export function createPipeline(
  config: ResolvedConfig,
  resource: Resource,
  diagnostics: Diagnostics,
  onLoad: (loaded: LoadedPipeline) => void,
  /** true once the handle is shut down: a chunk arriving later builds no providers (no timers). */
  closed: () => boolean,
  /**
   * Records held per signal until the chunk: what the eagerly built batch processor held before
   * the pipeline was split off, its queue plus the one export batch in flight (2048 + 512 by
   * default: handed over at once, the first batch leaves the queue as it fills, so none of them is
   * dropped there), never below the default bound.
   */
  max = Math.max(MAX_HELD_RECORDS, config.maxQueueSize + exportBatchSize(config.maxQueueSize)),
) {
  const loader: PipelineLoader<LoadedPipeline | undefined> = new PipelineLoader(
    () =>
      import('./pipeline-chunk.js').then((m) => {
        // The chunk builds the exporters and providers (undefined: shut down meanwhile, nothing built).
        const loaded = m.buildPipeline(config, resource, diagnostics, closed);
        if (loaded) {
          onLoad(loaded);
          meterProvider.attach(loaded.meterProvider);
          loggerProvider.attach(loaded.loggerProvider);
          spans?.attach(loaded.buildSpanProcessors);
        }
        return loaded;
      }),
    diagnostics,
    // Both loads failed: what the stand-ins hold, and will be given, can never be exported.
    () => {
      meterProvider.abandon();
      loggerProvider.abandon();
      spans?.abandon();
    },
  );
  const handle = { ready: () => loader.ready(), hurry: () => void loader.ready().catch(() => {}) };
  const meterProvider = new StandInMeterProvider(handle, max, () => diagnostics.heldDropped.metrics++);
  const loggerProvider = new StandInLoggerProvider(handle, max, () => diagnostics.heldDropped.logs++);
  // No trace exporter (no endpoint, no exporters.traces): nothing to hold, no batch processor.
  const spans =
    config.urls || config.exporters.traces.length > 0
      ? new HoldingSpanProcessor(
          handle,
          max,
          () => diagnostics.heldDropped.traces++,
          () => Promise.all(config.exporters.traces.map((e) => e.shutdown())),
        )
      : undefined;
  loader.loadWhenIdle();
  return { loader, meterProvider, loggerProvider, spans };
}

/**
 * A WebTracerProvider whose `ownProcessors` (budgets, stats) run before the exporting ones (the
 * holding span processor, then the batch processors it hands spans to), so their attributes are
 * on the span before any exporter sees it.
 */
export function buildTracerProvider(
  resource: Resource,
  sampler: SessionSampler,
  ownProcessors: SpanProcessor[],
  exporting: SpanProcessor | undefined,
): WebTracerProvider {
  const spanProcessors = exporting ? [...ownProcessors, exporting] : ownProcessors;
  return new WebTracerProvider({ resource, sampler, spanProcessors });
}
