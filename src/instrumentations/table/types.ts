import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface TableInstrumentationConfig extends InstrumentationConfig {
  /**
   * How long a `table.state_change` span waits for the recomputation it triggered (the row model
   * is recomputed lazily, on the next read, usually in the next render) before it ends anyway
   * with `ui.table.recomputed = false`. Default 1000 ms.
   */
  stateChangeTimeoutMs?: number;
}

export interface TableTelemetryOptions {
  /** `ui.table.name` on every span and metric of this table. Required, non-empty. */
  name: string;
}
