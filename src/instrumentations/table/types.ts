import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface TableInstrumentationConfig extends InstrumentationConfig {
  /**
   * How long a `table.state_change` span waits for the recomputation it triggered (the row model
   * is recomputed lazily, on the next read, usually in the next render) before it ends anyway
   * with `ui.table.recomputed = false`. Default 1000 ms.
   */
  stateChangeTimeoutMs?: number;
  /**
   * A row or column that left the model and is still reachable this long after (GC had its
   * chances) counts in `ui.table.rows.leaked` / `ui.table.columns.leaked`. Default 10000 ms.
   */
  leakGraceMs?: number;
}

export interface TableTelemetryOptions {
  /** `ui.table.name` on every span and metric of this table. Required, non-empty. */
  name: string;
}
