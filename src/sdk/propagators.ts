import type { TextMapPropagator } from '@opentelemetry/api';
import type { ResolvedConfig } from '../options.js';

/**
 * Propagators an instrumentation's config brings along, composed after the W3C ones: today the
 * Sentry bridge's (`ErrorInstrumentation({ sentry: sentryBridge(…) })`). Found by shape, so the
 * core imports no Sentry code and apps without the bridge bundle none of it.
 */
export function extraPropagators(config: ResolvedConfig): TextMapPropagator[] {
  const out: TextMapPropagator[] = [];
  for (const i of config.instrumentations) {
    const bridge = (i.getConfig?.() as { sentry?: { propagator?: TextMapPropagator } } | undefined)?.sentry;
    const p = bridge?.propagator;
    if (p && typeof p.inject === 'function') out.push(mergingBaggage(p));
  }
  return out;
}

/** Appends to a `baggage` header the W3C baggage propagator already wrote instead of replacing it. */
function mergingBaggage(p: TextMapPropagator): TextMapPropagator {
  return {
    inject: (ctx, carrier, setter) =>
      p.inject(ctx, carrier, {
        set(c, key, value) {
          const prev = key === 'baggage' ? (c as Record<string, unknown>)[key] : undefined;
          setter.set(c, key, typeof prev === 'string' && prev !== '' ? `${prev},${value}` : value);
        },
      }),
    extract: (ctx, carrier, getter) => p.extract(ctx, carrier, getter),
    fields: () => p.fields(),
  };
}
