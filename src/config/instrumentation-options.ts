import { checkBoolean, checkMethods, checkNumber, checkObject, fail } from './checks.js';
import { invalid } from './errors.js';

/**
 * One way to validate an instrumentation's options, the same way register() validates its own:
 * a table of rules per option, one FrametelConfigError naming `Scope.option` (e.g.
 * `MemoryInstrumentation.snapshotIntervalMs`), the expected value and the value given. An option
 * set to `undefined` means "the default", as everywhere in frametel.
 */
export interface OptionRule {
  /**
   * Throws through `fail()` (one FrametelConfigError naming the path it is given) when `value`
   * does not fit. Each rule carries its own check, so a bundle pays only for the checks its
   * instrumentations use (most use booleans, numbers and a few checks of their own).
   */
  check(path: string, value: unknown): void;
}

export type OptionSchema = Readonly<Record<string, OptionRule>>;

/** A boolean option. */
export const BOOLEAN_RULE: OptionRule = { check: checkBoolean };
/** `enabled` of every OpenTelemetry InstrumentationConfig. */
export const ENABLED_RULE = BOOLEAN_RULE;

/** A number from `min` to `max`, an integer if `integer`; `expected` says so in words (`an integer from 1 to 1000`). */
export function numberRule(min: number, max: number, expected: string, integer = false): OptionRule {
  return { check: (path, value) => checkNumber(path, value, min, max, expected, integer) };
}

/** The common "duration threshold" rule (an object, not a numberRule() call: bundles that do not use it drop it). */
export const MS_AT_LEAST_0: OptionRule = {
  check: (path, value) => checkNumber(path, value, 0, Number.POSITIVE_INFINITY, 'a number of milliseconds ≥ 0'),
};

/** A function. */
export function functionRule(expected: string): OptionRule {
  return {
    check(path, value) {
      if (typeof value !== 'function') fail(invalid(path, expected, value));
    },
  };
}

/** An object with the named methods (duck-typed: it may come from another package). */
export function methodsRule(methods: readonly string[], expected: string): OptionRule {
  return { check: (path, value) => checkMethods(path, value, methods, expected) };
}

/** A plain object of string values (tags). */
export function stringsRule(expected: string): OptionRule {
  return {
    check(path, value) {
      const o = checkObject(path, value, null, expected);
      for (const [k, v] of Object.entries(o)) {
        if (typeof v !== 'string') fail(invalid(`${path}[${JSON.stringify(k)}]`, 'a string', v));
      }
    },
  };
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
    if (o[key] !== undefined) rule.check(`${scope}.${key}`, o[key]);
  }
  return options;
}
