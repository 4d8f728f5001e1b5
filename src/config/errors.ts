/**
 * One problem with one option, as found by the code that checks it: the option path, what was
 * expected and the value given. `reason` replaces the standard `expected …, got …` wording when
 * the problem is not a wrong value (an unknown option name, a malformed budget key).
 */
export interface ConfigProblem {
  /** The option path, e.g. `budgets["table.sort:Orders"]`, `endpoints.traces`, `MemoryInstrumentation.snapshotIntervalMs`. */
  readonly path: string;
  /** What the option accepts, in words: `a positive number of milliseconds`. */
  readonly expected: string;
  /** The value given (as given: never parsed back out of a message). */
  readonly got: unknown;
  /** The whole message after `path: `, when the standard wording does not fit. */
  readonly reason?: string;
}

/**
 * The one error frametel throws into an app: invalid options at register() (or at the
 * construction of an exported building block, or a programming error such as `ft.on(event, 42)`).
 * Its message names the option path, the expected value and the value given; the same three are
 * fields, passed by the code that detected the problem.
 */
export class FrametelConfigError extends Error {
  override readonly name = 'FrametelConfigError';
  /** The option path, e.g. `budgets["table.sort:Orders"]`. */
  readonly path: string;
  /** What the option accepts, in words. */
  readonly expected: string;
  /** The value that was given. */
  readonly got: unknown;

  constructor(problem: ConfigProblem) {
    super(`${problem.path}: ${problem.reason ?? `expected ${problem.expected}, got ${describeValue(problem.got)}`}`);
    this.path = problem.path;
    this.expected = problem.expected;
    this.got = problem.got;
  }
}

/** The problem `path: expected X, got Y` — the shape of every config message. */
export function invalid(path: string, expected: string, got: unknown): ConfigProblem {
  return { path, expected, got };
}

/** Names in quotes, comma-separated (`'strict', 'normal', 'relaxed'`), for "one of" messages. */
export function quoted(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
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
