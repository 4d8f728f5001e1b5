import { fail } from './checks.js';
import { invalid, quoted } from './errors.js';

/**
 * Arguments of the handle's methods that can only be wrong in code (`ft.on('budgetViolaton', fn)`,
 * `track('op', undefined)`): a FrametelConfigError at the call, like a bad option at register(),
 * rather than a TypeError from deep inside or a listener that silently never runs.
 */

/** `fn` of track(operation, fn): the code the app wanted to run. */
export function checkTrackFn(method: string, fn: unknown): void {
  if (typeof fn !== 'function') fail(invalid(`${method}(fn)`, 'a function to run and time', fn));
}

/** `event` and `fn` of ft.on(event, fn). */
export function checkSubscription(event: unknown, fn: unknown, events: readonly string[]): void {
  if (typeof event !== 'string' || !events.includes(event)) {
    fail(invalid('ft.on(event)', `one of ${quoted(events)}`, event));
  }
  if (typeof fn !== 'function') fail(invalid('ft.on(fn)', 'a listener function', fn));
}
