import { trace, type Histogram, type Tracer } from '@opentelemetry/api';
import { VERSION } from '../../version.js';

/**
 * The seam between instrumented tables and the registered TableInstrumentation. Tables are
 * created by the app (through `tableTelemetryFeature` or `instrumentTable`) before or after the
 * instrumentation is registered, so they look up the active sink at each operation instead of
 * holding a reference. Kept in its own module so that the instrumentation (which reads the live
 * tables for its gauges) and the table telemetry (which reads the sink) do not import each other.
 */

export const TABLE_SCOPE = 'frametel/table';
export const DEFAULT_STATE_CHANGE_TIMEOUT_MS = 1000;

/** What instrumented tables use: the registered instrumentation's tracer and histogram, or the globals. */
export interface TableTelemetrySink {
  readonly enabled: boolean;
  readonly tracer: Tracer;
  readonly histogram: Histogram | undefined;
  readonly stateChangeTimeoutMs: number;
}

/** Anything that can hand out a sink: the enabled TableInstrumentation. */
export interface TableSinkSource {
  sink(): TableTelemetrySink;
}

const GLOBAL_SINK: TableTelemetrySink = {
  enabled: false,
  get tracer() {
    return trace.getTracer(TABLE_SCOPE, VERSION);
  },
  histogram: undefined,
  stateChangeTimeoutMs: DEFAULT_STATE_CHANGE_TIMEOUT_MS,
};

let active: TableSinkSource | undefined;

/** The sink of the enabled TableInstrumentation, if one is enabled. */
export function tableSink(): TableTelemetrySink {
  return active?.sink() ?? GLOBAL_SINK;
}

/** Makes `source` the active sink (enable). */
export function activateTableSink(source: TableSinkSource): void {
  active = source;
}

/** Forgets `source` if it is the active sink (disable); another instrumentation's stays. */
export function deactivateTableSink(source: TableSinkSource): void {
  if (active === source) active = undefined;
}
