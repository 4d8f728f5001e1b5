import { fail } from '../../config/checks.js';
import { describeValue, invalid } from '../../config/errors.js';

/** `schema` of every Recording. */
export const RECORDING_SCHEMA = 'frametel.recording';
/** The Recording format this build writes and replays. Bumped on any incompatible change. */
export const RECORDING_VERSION = 1;

/** The table state slices recorded and replayed (plain JSON in TanStack Table). */
export const TABLE_SLICES = [
  'sorting',
  'columnFilters',
  'globalFilter',
  'pagination',
  'rowSelection',
  'grouping',
  'expanded',
] as const;
export type TableSlice = (typeof TABLE_SLICES)[number];

/** A recorded value: its JSON, or why it could not be kept (then it cannot be replayed). */
export type RecordedValue = { json: unknown } | { unreplayable: string };

/** An operation a step caused: one ended frametel span (ui.operation) within the step's window. */
export interface RecordedOperation {
  operation: string;
  subject?: string;
  name: string;
  durationMs: number;
  budgetMs?: number;
  exceeded: boolean;
}

/** A write to a signal, by the name it was recorded under. */
export interface SignalStep {
  kind: 'signal';
  name: string;
  value: RecordedValue;
}

/** A change of one state slice of a table, by the name it was recorded under. */
export interface TableStep {
  kind: 'table';
  name: string;
  slice: TableSlice;
  value: RecordedValue;
}

/** A user interaction around the changes: its type and target element, never text or values. */
export interface InteractionStep {
  kind: 'interaction';
  type: string;
  /** e.g. `th[data-testid=sort-total]` or `input#filter`. */
  target: string;
}

export type RecordedChange = SignalStep | TableStep;
export type RecordedStep = RecordedChange | InteractionStep;

/**
 * Steps that happened in one task (one event handler, one batch): replayed together, in order,
 * with the operations they caused.
 */
export interface RecordedGroup {
  /** Time since the recording started, ms. */
  atMs: number;
  steps: RecordedStep[];
  operations: RecordedOperation[];
}

/**
 * What `recordSession(…).stop()` returns: plain JSON (JSON.stringify/parse keeps it whole).
 * Version 1 layout: `{ schema: 'frametel.recording', version: 1, startedAt, durationMs, groups }`.
 */
export interface Recording {
  schema: typeof RECORDING_SCHEMA;
  version: typeof RECORDING_VERSION;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  groups: RecordedGroup[];
}

/**
 * Checks that `input` (e.g. `JSON.parse(file)`) is a Recording this build can replay: one
 * FrametelConfigError naming what is wrong. Steps are checked later, one by one, when replayed.
 */
export function parseRecording(input: unknown): Recording {
  const expected = `a frametel Recording ({ schema: '${RECORDING_SCHEMA}', version: ${RECORDING_VERSION}, groups })`;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch {
      fail(invalid('recording', `${expected} or its JSON text`, input));
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(invalid('recording', expected, input));
  const r = input as Record<string, unknown>;
  if (r.schema !== RECORDING_SCHEMA) fail(invalid('recording.schema', `'${RECORDING_SCHEMA}'`, r.schema));
  if (r.version !== RECORDING_VERSION)
    fail({
      path: 'recording.version',
      expected: `${RECORDING_VERSION}`,
      got: r.version,
      reason:
        `expected ${RECORDING_VERSION} (this build of frametel), got ${describeValue(r.version)}; ` +
        're-record the session with this version',
    });
  if (!Array.isArray(r.groups)) fail(invalid('recording.groups', 'an array of step groups', r.groups));
  r.groups.forEach((g, i) => {
    if (typeof g !== 'object' || g === null || !Array.isArray((g as RecordedGroup).steps))
      fail(invalid(`recording.groups[${i}]`, '{ atMs, steps, operations }', g));
    if (typeof (g as RecordedGroup).atMs !== 'number' || !Number.isFinite((g as RecordedGroup).atMs))
      fail(invalid(`recording.groups[${i}].atMs`, 'a number of milliseconds', (g as RecordedGroup).atMs));
  });
  return input as Recording;
}

/** Why a step cannot be applied as written, or undefined when it is well-formed. */
export function stepProblem(step: unknown): string | undefined {
  if (typeof step !== 'object' || step === null) return `not a step: ${describeValue(step)}`;
  const s = step as Record<string, unknown>;
  if (s.kind === 'interaction') return undefined;
  if (s.kind !== 'signal' && s.kind !== 'table') return `unknown step kind ${describeValue(s.kind)}`;
  if (typeof s.name !== 'string' || s.name === '') return `step without a name: ${describeValue(s.name)}`;
  if (s.kind === 'table' && !TABLE_SLICES.includes(s.slice as TableSlice))
    return `unknown table state ${describeValue(s.slice)}; expected one of ${TABLE_SLICES.join(', ')}`;
  const v = s.value as Record<string, unknown> | undefined;
  if (typeof v !== 'object' || v === null || !('json' in v || 'unreplayable' in v))
    return 'step without a value ({ json } or { unreplayable })';
  return undefined;
}
