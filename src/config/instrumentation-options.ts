import { checkBoolean, checkMethods, checkNumber, checkObject, fail } from './checks.js';
import { invalid } from './errors.js';

/**
 * One way to validate an instrumentation's options, the same way register() validates its own:
 * a table of rules per option, one FrametelConfigError naming `Scope.option` (e.g.
 * `MemoryInstrumentation.snapshotIntervalMs`), the expected value and the value given. An option
 * set to `undefined` means "the default", as everywhere in frametel.
 */
export type OptionRule =
  | { readonly kind: 'boolean' }
  | {
      readonly kind: 'number';
      readonly min: number;
      readonly max?: number;
      readonly integer?: boolean;
      /** In words, e.g. `a number of milliseconds ≥ 0`. */
      readonly expected: string;
    }
  /** Anything else: throws through `fail()` with the path it is given (see the rule makers below). */
  | { readonly kind: 'custom'; check(path: string, value: unknown): void };

export type OptionSchema = Readonly<Record<string, OptionRule>>;

/** `enabled` of every OpenTelemetry InstrumentationConfig. */
export const ENABLED_RULE: OptionRule = { kind: 'boolean' };
/** The common "duration threshold" rule. */
export const MS_AT_LEAST_0: OptionRule = { kind: 'number', min: 0, expected: 'a number of milliseconds ≥ 0' };

// Rarer rules are made by functions, not kinds of checkRule()'s switch: a bundle pays only for
// the ones its instrumentations use (most use none of them).

/** A function. */
export function functionRule(expected: string): OptionRule {
  return {
    kind: 'custom',
    check(path, value) {
      if (typeof value !== 'function') fail(invalid(path, expected, value));
    },
  };
}

/** An object with the named methods (duck-typed: it may come from another package). */
export function methodsRule(methods: readonly string[], expected: string): OptionRule {
  return { kind: 'custom', check: (path, value) => checkMethods(path, value, methods, expected) };
}

/** A plain object of string values (tags). */
export function stringsRule(expected: string): OptionRule {
  return {
    kind: 'custom',
    check(path, value) {
      const o = checkObject(path, value, null, expected);
      for (const [k, v] of Object.entries(o)) {
        if (typeof v !== 'string') fail(invalid(`${path}[${JSON.stringify(k)}]`, 'a string', v));
      }
    },
  };
}

function checkRule(path: string, rule: OptionRule, value: unknown): void {
  switch (rule.kind) {
    case 'boolean':
      checkBoolean(path, value);
      return;
    case 'number':
      checkNumber(path, value, rule.min, rule.max ?? Number.POSITIVE_INFINITY, rule.expected, rule.integer);
      return;
    case 'custom':
      rule.check(path, value);
  }
}

/**
 * Checks `options` (undefined means all defaults) against `schema` and returns them as given
 * (never copied with defaults: the caller resolves those from its one DEFAULTS object). Unknown
 * option names are rejected with a "did you mean", unless `passThrough` (an instrumentation that
 * extends an upstream one whose own options frametel does not know).
 */
export function validateInstrumentationOptions<T extends object>(
  scope: string,
  options: T | undefined,
  schema: OptionSchema,
  passThrough = false,
): T {
  if (options === undefined) return {} as T;
  const o = checkObject(scope, options, passThrough ? null : Object.keys(schema), `an options object for ${scope}`);
  for (const [key, rule] of Object.entries(schema)) {
    if (o[key] !== undefined) checkRule(`${scope}.${key}`, rule, o[key]);
  }
  return options;
}
