/**
 * The write hook of @preact/signals-core, on the prototype instead of on each signal.
 *
 * The library defines `Signal.prototype.value` as a non-configurable accessor, and a write runs no
 * other method a prototype could intercept (the setter stores into the instance and notifies
 * targets itself). But `Signal` is a plain function whose `prototype` property is writable, and
 * `signal()` is `new Signal()`: a twin prototype with the same own properties in the same order —
 * only the `value` setter differs — becomes `Signal.prototype`, so signals created from then on
 * inherit the traced setter while the instances themselves are exactly as the library builds them
 * (same own properties, same size, same construction cost), and subclasses declared from then on
 * extend it, so their own `value` overrides run first and `super.value` reaches the traced setter.
 *
 * The original prototype (still the prototype of `Computed.prototype`, of subclasses declared
 * earlier and of signals created earlier) hands its configurable members over to the twin and
 * inherits from it, so `instanceof Signal`, `constructor` and members added to
 * `Signal.prototype` later hold for every signal, old or new. Its non-configurable `value` stays,
 * so signals created before the hook keep the library's own setter (untraced).
 *
 * The arrangement is made once per copy of the library and stays; uninstalling only unsets the
 * hook, after which the twin's setter is the library's setter plus one property read.
 */

type Obj = Record<PropertyKey, unknown>;
/** Called for a write that will change the value; must call `write()` (the library's setter) once. */
export type WriteHook = (signal: Obj, value: unknown, write: () => void) => void;

interface Installed {
  hook: WriteHook | undefined;
}
const INSTALLED = new WeakMap<object, Installed>();

/**
 * Routes writes of signals created from now on through `hook`. `valueField` is the library's
 * internal value field (`_value`, or `v` in the published mangled build): a write of the current
 * value changes nothing in the library and is not passed to the hook. False when this version of
 * the library cannot be hooked this way.
 */
export function installWriteHook(Signal: { prototype: object }, valueField: string, hook: WriteHook): boolean {
  let installed = INSTALLED.get(Signal);
  if (installed === undefined) {
    const made = arrange(Signal, valueField);
    if (made === undefined) return false;
    installed = made;
    INSTALLED.set(Signal, installed);
  }
  installed.hook = hook;
  return true;
}

/** Unsets `hook` (if it is still the current one): writes go straight to the library's setter. */
export function uninstallWriteHook(Signal: { prototype: object }, hook: WriteHook): void {
  const installed = INSTALLED.get(Signal);
  if (installed?.hook === hook) installed.hook = undefined;
}

function arrange(Signal: { prototype: object }, valueField: string): Installed | undefined {
  const original = Signal.prototype as Obj;
  const value = Object.getOwnPropertyDescriptor(original, 'value');
  const setter = value?.set;
  if (!Object.getOwnPropertyDescriptor(Signal, 'prototype')?.writable || !value?.get || !setter) return undefined;
  const installed: Installed = { hook: undefined };
  const traced = function (this: Obj, next: unknown): void {
    const hook = installed.hook;
    if (hook === undefined || next === this[valueField]) setter.call(this, next);
    else hook(this, next, () => setter.call(this, next));
  };
  // Named and sized like the library's own setter.
  Object.defineProperty(traced, 'name', { value: setter.name });
  Object.defineProperty(traced, 'length', { value: setter.length });
  const twin = Object.create(Object.getPrototypeOf(original) as object | null) as Obj;
  for (const key of Reflect.ownKeys(original)) {
    const descriptor = Object.getOwnPropertyDescriptor(original, key)!;
    Object.defineProperty(twin, key, key === 'value' ? { ...descriptor, set: traced } : descriptor);
  }
  for (const key of Reflect.ownKeys(original))
    if (Object.getOwnPropertyDescriptor(original, key)!.configurable) delete original[key];
  Object.setPrototypeOf(original, twin);
  Signal.prototype = twin;
  return installed;
}
