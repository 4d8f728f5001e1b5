import type { Instrumentation } from '@opentelemetry/instrumentation';

/**
 * What an instrumentation implements to have its own counters in `ft.diagnostics()`: things it
 * could not record (a full table, a throwing user callback), by name. Found by shape, so the
 * core imports no instrumentation: a new instrumentation adds a `diagnostics()` method and is done.
 */
export interface DiagnosticsSource {
  diagnostics(): Readonly<Record<string, number>>;
}

function isSource(i: unknown): i is DiagnosticsSource {
  return typeof (i as { diagnostics?: unknown } | null)?.diagnostics === 'function';
}

/**
 * Every registered instrumentation's counters under its instrumentationName (summed when two
 * instances share a name). A source that throws or returns junk is skipped and reported through
 * `onError`: reading diagnostics never throws.
 */
export function collectInstrumentationDiagnostics(
  instrumentations: readonly Instrumentation[],
  onError: (name: string, error: unknown) => void,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const i of instrumentations) {
    if (!isSource(i)) continue;
    const name = typeof i.instrumentationName === 'string' ? i.instrumentationName : 'unnamed';
    try {
      const counters = i.diagnostics();
      const slot = (out[name] ??= {});
      for (const [key, value] of Object.entries(counters)) {
        if (typeof value === 'number' && Number.isFinite(value)) slot[key] = (slot[key] ?? 0) + value;
      }
    } catch (error) {
      onError(name, error);
    }
  }
  return out;
}
