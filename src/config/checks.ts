import { type ConfigProblem, FrametelConfigError, invalid } from './errors.js';

/** Small validators shared by every option: each throws one FrametelConfigError naming the path. */

export function fail(problem: ConfigProblem): never {
  throw new FrametelConfigError(problem);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Edit distance, for "did you mean" on typos of option names (short strings only). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The known key a typo most likely meant: within a third of its length in edits. */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** A plain object whose keys are all in `known` (typos are caught here). */
export function checkObject(
  path: string,
  value: unknown,
  known: readonly string[] | null,
  expected = 'an object',
): Record<string, unknown> {
  if (!isPlainObject(value)) fail(invalid(path, expected, value));
  if (known) checkKeys(path, value, known);
  return value;
}

/** Every key of `value` in `known`: the first other one is an unknown `what`, with a "did you mean". */
export function checkKeys(
  path: string,
  value: Record<string, unknown>,
  known: readonly string[],
  what = 'option',
): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = closest(key, known);
    const at = path === 'options' ? key : `${path}.${key}`;
    const expectedKeys = `one of ${known.join(', ')}`;
    fail({
      path: at,
      expected: expectedKeys,
      got: value[key],
      reason: `unknown ${what}${near ? ` (did you mean ${near}?)` : ''}; expected ${expectedKeys}`,
    });
  }
}

export function checkBoolean(path: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(invalid(path, 'true or false', value));
  return value;
}

export function checkString(path: string, value: unknown, expected = 'a non-empty string'): string {
  if (typeof value !== 'string' || value.trim() === '') fail(invalid(path, expected, value));
  return value;
}

export function checkNumber(
  path: string,
  value: unknown,
  min: number,
  max: number,
  expected: string,
  integer = false,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    fail(invalid(path, expected, value));
  }
  return value;
}

export function checkArray(path: string, value: unknown, expected: string): unknown[] {
  if (!Array.isArray(value)) fail(invalid(path, expected, value));
  return value;
}

/** An object with the named methods (duck-typed: exporters and instrumentations come from other packages). */
export function checkMethods(path: string, value: unknown, methods: readonly string[], expected: string): void {
  if (typeof value !== 'object' || value === null) fail(invalid(path, expected, value));
  for (const m of methods) {
    if (typeof (value as Record<string, unknown>)[m] !== 'function') fail(invalid(path, expected, value));
  }
}

/** An array of objects with the named methods (exporters, span processors, alert destinations). */
export function checkMethodsArray(
  path: string,
  value: unknown,
  expected: string,
  methods: readonly string[],
  itemExpected: string,
): unknown[] {
  return checkArray(path, value, expected).map((item, i) => {
    checkMethods(`${path}[${i}]`, item, methods, itemExpected);
    return item;
  });
}

/**
 * An absolute http(s) URL or a same-origin path ('/otel'); returned without a trailing slash.
 * Surrounding spaces are rejected (the exporter would throw a plain Error later, from register()),
 * and so is a fragment (never sent). A base URL (`endpoint`, which gets `/v1/traces` appended)
 * may not have a query either: the signal path would land inside it (`/?token=abc/v1/traces`).
 */
export function checkUrl(path: string, value: unknown, base = false): string {
  const expected = `an http(s) URL such as 'http://localhost:4318' or a path such as '/otel', without ${base ? 'query or fragment' : 'fragment'}`;
  if (typeof value !== 'string' || value.trim() === '' || value.trim() !== value) fail(invalid(path, expected, value));
  if (value.includes('#') || (base && value.includes('?'))) fail(invalid(path, expected, value));
  if (value.startsWith('/') && !value.startsWith('//')) return value.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(invalid(path, expected, value));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(invalid(path, expected, value));
  return value.replace(/\/+$/, '');
}

const ATTRIBUTE_TYPES = ['string', 'number', 'boolean'];

/** OTel attribute values: string, number, boolean, or a homogeneous array of them. */
export function checkAttributes(path: string, value: unknown): Record<string, unknown> {
  const attrs = checkObject(path, value, null, 'an object of attribute values');
  for (const [key, v] of Object.entries(attrs)) {
    const at = `${path}[${JSON.stringify(key)}]`;
    if (Array.isArray(v)) {
      const kinds = new Set(v.filter((x) => x != null).map((x) => typeof x));
      if (kinds.size > 1 || [...kinds].some((k) => !ATTRIBUTE_TYPES.includes(k))) {
        fail(invalid(at, 'a string, number or boolean, or an array of one of those', v));
      }
    } else if (!ATTRIBUTE_TYPES.includes(typeof v)) {
      fail(invalid(at, 'a string, number or boolean, or an array of one of those', v));
    }
  }
  return attrs;
}
