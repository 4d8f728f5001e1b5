/**
 * The lazily imported half of the pipeline: everything not needed before first paint. Loaded only
 * through `import()` (pipeline.ts), so a bundler puts this module and what only it imports — the
 * OTLP exporters and their serialisation, sdk-metrics, sdk-logs, the span batch processors, the
 * delivery layer, the percentile sketch of ft.stats — in a chunk
 * of its own, fetched after the page's `load` and an idle period, or at once on the first
 * violation or error record, on hide, or at a flush.
 */
export { attachDelivery } from '../delivery/index.js';
export { createOtlpExporters } from './otlp-exporters.js';
export { buildLoggerProvider, buildMeterProvider, buildSpanProcessors } from './providers.js';
export { createSketch } from '../stats/typed-store.js';
