import { FrametelConfigError, invalid } from '../../config/errors.js';
import { TableTelemetry, V9_STAGES } from './telemetry.js';
import type { TableTelemetryOptions } from './types.js';

/**
 * A TanStack Table v9 feature: add it to `tableFeatures({ …, tableTelemetry: tableTelemetryFeature({ name: 'orders' }) })`
 * and register `new TableInstrumentation()` once. Each real recomputation of a row-model stage
 * becomes a span `table.{stage}`; each state change a `table.state_change` span parenting them.
 */
export function tableTelemetryFeature(options: TableTelemetryOptions) {
  if (typeof options?.name !== 'string' || options.name.trim() === '') {
    throw new FrametelConfigError(
      invalid('tableTelemetryFeature(options).name', 'a non-empty table name', options?.name),
    );
  }
  const telemetry = new WeakMap<object, TableTelemetry>();
  return {
    /** Runs before the other features build their APIs: the row-model slots are still empty. */
    initTableInstanceData(table: object): void {
      const t = new TableTelemetry(table as never, options.name);
      telemetry.set(table, t);
      t.installRowModelHooks((table as { _rowModels: Record<string, unknown> })._rowModels, V9_STAGES);
    },
    constructTableAPIs(table: object): void {
      telemetry.get(table)?.wrapStateHandlers();
    },
  };
}
