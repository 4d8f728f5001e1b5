import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Diagnostics } from '../diagnostics.js';
import type { ResolvedConfig } from '../options.js';
import { Delivery } from './delivery.js';

export type { PersistenceConfig } from './delivery.js';
export { Delivery };

/**
 * Puts delivery (unload flush, persistence) between frametel's OTLP exporters (the first of each
 * signal's list when an endpoint is set) and their transports. undefined when there is nothing to do.
 */
export function attachDelivery(
  config: ResolvedConfig,
  exporters: { traces: SpanExporter[]; metrics: object[]; logs: object[] },
  diagnostics: Diagnostics,
): Delivery | undefined {
  if (!config.urls || (!config.persistence && !config.flushOnHide)) return undefined;
  const delivery = new Delivery(config.persistence, config.flushOnHide, diagnostics);
  const wrapped = [
    delivery.wrap(exporters.logs[0]!, 'logs'),
    delivery.wrap(exporters.traces[0]!, 'traces'),
    delivery.wrap(exporters.metrics[0]!, 'metrics'),
  ];
  if (wrapped.includes(false)) diagnostics.internalErrors++;
  return delivery;
}
