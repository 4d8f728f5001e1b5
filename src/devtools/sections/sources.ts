import type { Frametel } from '../../handle.js';
import type { ComponentRenderStats } from '../../stats/components.js';
import { fmt, list } from '../dom.js';
import type { OverlaySection } from './types.js';
import type { InteractionsSource, VitalsSource } from './vitals.js';

/**
 * Optional data sources, found by shape (duck-typed) so the overlay imports no instrumentation
 * code. A section whose source is absent is not shown.
 */
export interface OverlaySources {
  /**
   * e.g. a ReactRenderInstrumentation. Default: found by shape among `ft.instrumentations`; its
   * sections then appear once a component has committed.
   */
  components?: {
    slowestComponents(n: number): ComponentRenderStats[];
    topRerenders(n: number): ComponentRenderStats[];
  };
  /** e.g. a PreactSignalsInstrumentation: `topSignals(n)` → most-updated signals. */
  signals?: { topSignals(n: number): Array<{ name: string; updates: number }> };
  /** e.g. a NetworkInstrumentation: `recentRequests(n)`, newest first. */
  network?: { recentRequests(n: number): Array<{ method: string; url: string; status: number; durationMs: number }> };
  /** e.g. a WebVitalsInstrumentation: `latestVitals()` → the "Vitals" section. */
  vitals?: VitalsSource;
  /** e.g. an InteractionInstrumentation: `slowestInteractions(n)` → the "Slowest interactions" section. */
  interactions?: InteractionsSource;
}

/** The methods each source must have (checked at mount; also how sources are found by shape). */
export const SOURCE_METHODS = {
  components: ['slowestComponents', 'topRerenders'],
  signals: ['topSignals'],
  network: ['recentRequests'],
  vitals: ['latestVitals'],
  interactions: ['slowestInteractions'],
} as const satisfies Record<keyof OverlaySources, readonly string[]>;

/** The instrumentation given to register() that has all of `methods`, if any. */
export function findByShape<T>(ft: Frametel, methods: readonly string[]): T | undefined {
  return (ft.instrumentations ?? []).find((i) =>
    methods.every((m) => typeof (i as unknown as Record<string, unknown>)[m] === 'function'),
  ) as T | undefined;
}

/** Sources given, else found by shape among the registered instrumentations. */
export function resolveSources(ft: Frametel, given: OverlaySources): OverlaySources & { componentsGiven: boolean } {
  return {
    components: given.components ?? findByShape(ft, SOURCE_METHODS.components),
    signals: given.signals ?? findByShape(ft, SOURCE_METHODS.signals),
    network: given.network ?? findByShape(ft, SOURCE_METHODS.network),
    vitals: given.vitals ?? findByShape(ft, SOURCE_METHODS.vitals),
    interactions: given.interactions ?? findByShape(ft, SOURCE_METHODS.interactions),
    componentsGiven: given.components !== undefined,
  };
}

const ms = (c: ComponentRenderStats) => `${c.name}: avg ${fmt(c.avgMs)} ms, max ${fmt(c.maxMs)} ms`;

/** Slowest components, top re-renderers, most-updated signals, recent requests: one short list each. */
export function sourceSections(sources: ReturnType<typeof resolveSources>, n: number): OverlaySection<string[]>[] {
  const out: OverlaySection<string[]>[] = [];
  const components = sources.components;
  if (components) {
    // Found rather than given, the component sections appear once there is anything to show.
    const shown = () => sources.componentsGiven || components.slowestComponents(n).length > 0;
    out.push(
      {
        id: 'slowest',
        title: 'Slowest components',
        layout: 'column',
        collect: () => (shown() ? components.slowestComponents(n).map(ms) : null),
        render: (items) => list(items, 'no commits yet'),
      },
      {
        id: 'rerenders',
        title: 'Top re-renders',
        layout: 'column',
        collect: () =>
          shown()
            ? components
                .topRerenders(n)
                .filter((c) => c.rerenders > 0)
                .map((c) => `${c.name}: ${c.rerenders} re-render${c.rerenders === 1 ? '' : 's'}`)
            : null,
        render: (items) => list(items, 'none'),
      },
    );
  }
  const signals = sources.signals;
  if (signals)
    out.push({
      id: 'signals',
      title: 'Most-updated signals',
      layout: 'column',
      collect: () =>
        signals.topSignals(n).map((s) => `${s.name}: ${s.updates} ${s.updates === 1 ? 'write' : 'writes'}`),
      render: (items) => list(items, 'none'),
    });
  return out;
}
