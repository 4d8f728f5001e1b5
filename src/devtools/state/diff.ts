import diff from 'microdiff';

/** A kept value (see the signals instrumentation's `recordValues`): the clone, or why there is none. */
export type DiffInput = { value: unknown } | { type: string; reason: string };

/** Defaults of the state diff, in one place. */
export const DIFF_DEFAULTS = {
  /** Lines shown per change; the rest are counted in one "… n more" line. */
  maxLines: 12,
  /** Longest rendering of one value in a line, characters. */
  maxValueLength: 60,
} as const;

/** A value as one short line of text: JSON where possible, cut at `max` characters. */
export function preview(value: unknown, max: number = DIFF_DEFAULTS.maxValueLength): string {
  let text: string;
  try {
    text =
      value === undefined
        ? 'undefined'
        : typeof value === 'string'
          ? JSON.stringify(value)
          : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === 'object' && v !== null;
const describe = (k: DiffInput) =>
  'value' in k ? preview(k.value) : k.reason === 'unknown' ? '(not seen before)' : `<${k.type}, ${k.reason}>`;

/**
 * A readable diff of two kept values, one line per change: `path: old → new`, `+ path: new`,
 * `- path: old` (objects and arrays, by microdiff), or `old → new` for anything else. At most
 * `maxLines` lines: past them, one `… n more changes` line.
 *
 * @example
 * diffLines({ value: { id: 'total', desc: false } }, { value: { id: 'total', desc: true } })
 * // ['desc: false → true']
 */
export function diffLines(previous: DiffInput, next: DiffInput, maxLines: number = DIFF_DEFAULTS.maxLines): string[] {
  if (!('value' in previous) || !('value' in next) || !isContainer(previous.value) || !isContainer(next.value))
    return [`${describe(previous)} → ${describe(next)}`];
  if (Array.isArray(previous.value) !== Array.isArray(next.value)) return [`${describe(previous)} → ${describe(next)}`];
  let changes: ReturnType<typeof diff>;
  try {
    changes = diff(previous.value, next.value, { cyclesFix: true });
  } catch {
    return [`${describe(previous)} → ${describe(next)}`];
  }
  if (changes.length === 0) return ['(no change in content: a new object with the same data)'];
  const lines = changes.slice(0, maxLines).map((c) => {
    const path = c.path.map(String).join('.') || '(root)';
    if (c.type === 'CREATE') return `+ ${path}: ${preview(c.value)}`;
    if (c.type === 'REMOVE') return `- ${path}: ${preview(c.oldValue)}`;
    return `${path}: ${preview(c.oldValue)} → ${preview(c.value)}`;
  });
  if (changes.length > maxLines) lines.push(`… ${changes.length - maxLines} more changes`);
  return lines;
}
