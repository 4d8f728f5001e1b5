/**
 * The lazily imported half of the pipeline: everything not needed before first paint. Loaded only
 * through `import()` (pipeline.ts), so a bundler puts this module and what only it imports — the
 * OTLP exporters and their serialisation, sdk-metrics, sdk-logs, the span batch processors, the
 * delivery layer, the percentile sketch of ft.stats — in a chunk
 * of its own, fetched after the page's `load` and an idle period, or at once on the first
 * violation or error record, on hide, or at a flush.
 */
import type { Resource } from '@opentelemetry/resources';
import { attachDelivery } from '../delivery/index.js';
import type { Diagnostics } from '../diagnostics.js';
import type { ResolvedConfig } from '../options.js';
import { createSketch } from '../stats/typed-store.js';
import { createOtlpExporters } from './otlp-exporters.js';
import type { LoadedPipeline } from './pipeline.js';
import { buildLoggerProvider, buildMeterProvider, buildSpanProcessors } from './providers.js';

/**
 * What createPipeline (pipeline.ts) gets once the chunk is in: the OTLP exporters when an endpoint
 * is set, the real meter and logger providers exporting through them and the app's own exporters,
 * and the builder of the span batch processors. Built here, so that the code assembling them is
 * in the chunk too. Undefined when the handle was shut down meanwhile (`closed`): no providers are
 * built then (no timers).
 */
export function buildPipeline(
  config: ResolvedConfig,
  resource: Resource,
  diagnostics: Diagnostics,
  closed: () => boolean,
): LoadedPipeline | undefined {
  if (closed()) return undefined;
  const otlp = config.urls ? createOtlpExporters(config.urls, config.headers) : undefined;
  const metricExporters = [...(otlp ? [otlp.metrics] : []), ...config.exporters.metrics];
  const logExporters = [...(otlp ? [otlp.logs] : []), ...config.exporters.logs];
  return {
    otlp,
    meterProvider: buildMeterProvider(config, resource, metricExporters, diagnostics),
    loggerProvider: buildLoggerProvider(config, resource, logExporters, diagnostics),
    attachDelivery,
    createSketch,
    buildSpanProcessors: () =>
      buildSpanProcessors(config, [...(otlp ? [otlp.traces] : []), ...config.exporters.traces], diagnostics),
  };
}
