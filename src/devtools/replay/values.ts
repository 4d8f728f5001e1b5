import type { RecordedValue } from './schema.js';

/** The type name shown for a value that cannot be kept: 'Function', 'Map', 'HTMLElement'… */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value === 'function' ? 'Function' : typeof value;
  const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return ctor || 'Object';
}

/** Plain data only: JSON would silently turn these into {} or lose them, so they are not replayable. */
function hasNonJsonObject(value: unknown, seen = new Set<object>()): string | undefined {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return typeName(value);
  if (typeof value !== 'object' || value === null) return undefined;
  if (seen.has(value)) return 'a cyclic object';
  seen.add(value);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return typeName(value);
  for (const v of Object.values(value)) {
    const bad = hasNonJsonObject(v, seen);
    if (bad) return bad;
  }
  seen.delete(value);
  return undefined;
}

/**
 * A value as a Recording keeps it: its JSON when it is plain data (objects, arrays, strings,
 * numbers, booleans, null) of at most `maxBytes` characters; else why not (the type name, or
 * its size), and the step is reported as not replayable.
 */
export function recordValue(value: unknown, maxBytes: number): RecordedValue {
  if (value === undefined) return { unreplayable: 'undefined' };
  const bad = hasNonJsonObject(value);
  if (bad) return { unreplayable: bad };
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    return { unreplayable: `${typeName(value)} (${error instanceof Error ? error.message : 'not JSON'})` };
  }
  if (text.length > maxBytes) return { unreplayable: `${typeName(value)} of ${text.length} bytes (max ${maxBytes})` };
  return { json: JSON.parse(text) as unknown };
}
