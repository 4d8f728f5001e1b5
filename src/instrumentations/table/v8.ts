import { FrametelConfigError, invalid } from '../../config/errors.js';
import { TableTelemetry, V8_STAGES } from './telemetry.js';
import type { TableTelemetryOptions } from './types.js';

/**
 * TanStack Table v8: instruments an existing table (`createTable` / `useReactTable` result) the
 * way `tableTelemetryFeature` does for v9. Call it once per table, right after creating it;
 * returns an undo function that restores the table's row-model slots and state handlers.
 */
export function instrumentTable(table: object, options: TableTelemetryOptions): () => void {
  if (typeof options?.name !== 'string' || options.name.trim() === '') {
    throw new FrametelConfigError(
      invalid('instrumentTable(table, options).name', 'a non-empty table name', options?.name),
    );
  }
  if (typeof (table as { getCoreRowModel?: unknown })?.getCoreRowModel !== 'function') {
    throw new FrametelConfigError(invalid('instrumentTable(table)', 'a TanStack Table v8 instance', table));
  }
  const telemetry = new TableTelemetry(table as never, options.name);
  const undoSlots = telemetry.installRowModelHooks(table as Record<string, unknown>, V8_STAGES);
  telemetry.wrapStateHandlers();
  return () => {
    undoSlots();
    telemetry.restoreStateHandlers();
  };
}
