/**
 * Live event listener counting by patching EventTarget.prototype.addEventListener and
 * removeEventListener (opt-in; the originals are put back by `restore()`). Counts what the DOM
 * counts: one listener per (target, type, capture, callback), so adding the same one twice or
 * removing one that was never added changes nothing. Listeners of targets that get collected are
 * subtracted through a FinalizationRegistry. Not seen: `once` listeners after they fire and
 * listeners removed through an AbortSignal stay counted until their target is collected.
 */
export class ListenerCounter {
  live = 0;
  private readonly byTarget = new WeakMap<object, { keys: Map<string, Set<unknown>>; holder: { n: number } }>();
  private readonly finalizer = new FinalizationRegistry<{ n: number }>((holder) => {
    this.live -= holder.n;
  });
  private originals:
    | { proto: EventTarget; add: EventTarget['addEventListener']; remove: EventTarget['removeEventListener'] }
    | undefined;

  get patched(): boolean {
    return this.originals !== undefined;
  }

  patch(): void {
    if (this.originals || typeof EventTarget === 'undefined') return;
    // The prototype that owns the methods: EventTarget.prototype in browsers and Node; in DOM
    // emulations (happy-dom) the global EventTarget can be a per-window subclass of it.
    let proto: EventTarget = EventTarget.prototype;
    while (!Object.hasOwn(proto, 'addEventListener') && Object.getPrototypeOf(proto))
      proto = Object.getPrototypeOf(proto) as EventTarget;
    const add = proto.addEventListener;
    const remove = proto.removeEventListener;
    this.originals = { proto, add, remove };
    const counter = this;
    proto.addEventListener = function (this: EventTarget, ...args: Parameters<EventTarget['addEventListener']>) {
      const result = add.apply(this, args);
      counter.change(this, args[0], args[1], args[2], +1);
      return result;
    };
    proto.removeEventListener = function (this: EventTarget, ...args: Parameters<EventTarget['removeEventListener']>) {
      const result = remove.apply(this, args);
      counter.change(this, args[0], args[1], args[2], -1);
      return result;
    };
  }

  restore(): void {
    if (!this.originals) return;
    this.originals.proto.addEventListener = this.originals.add;
    this.originals.proto.removeEventListener = this.originals.remove;
    this.originals = undefined;
  }

  private change(
    target: object,
    type: string,
    listener: unknown,
    options: boolean | { capture?: boolean } | undefined,
    delta: 1 | -1,
  ): void {
    if (!listener || (typeof target !== 'object' && typeof target !== 'function')) return;
    try {
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      const key = `${type}\u0000${capture}`;
      let entry = this.byTarget.get(target);
      if (!entry) {
        if (delta < 0) return;
        entry = { keys: new Map(), holder: { n: 0 } };
        this.byTarget.set(target, entry);
        this.finalizer.register(target, entry.holder);
      }
      let set = entry.keys.get(key);
      if (delta > 0) {
        if (!set) entry.keys.set(key, (set = new Set()));
        if (set.has(listener)) return;
        set.add(listener);
      } else {
        if (!set?.delete(listener)) return;
        if (set.size === 0) entry.keys.delete(key);
      }
      entry.holder.n += delta;
      this.live += delta;
    } catch {
      // counting must never break the app's listener
    }
  }
}
