/**
 * The one error frametel throws into an app: invalid options at register() (or at the
 * construction of an exported building block). Its message names the option path, the
 * expected value and the value given.
 */
export class FrametelConfigError extends Error {
  override readonly name = 'FrametelConfigError';
  /** The option path, e.g. `budgets["table.sort"]`. */
  readonly path: string;

  constructor(message: string, path = message.split(':')[0] ?? '') {
    super(message);
    this.path = path;
  }
}

/** `path: expected X, got Y` — the shape of every config message. */
export function invalid(path: string, expected: string, got: unknown): string {
  return `${path}: expected ${expected}, got ${describeValue(got)}`;
}

/** A short, safe rendering of a bad value for an error message (never dumps big objects). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  const ctor = proto?.constructor?.name;
  return ctor && ctor !== 'Object' ? `an instance of ${ctor}` : 'an object';
}
