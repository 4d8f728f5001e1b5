import type { SuspectedLeak } from './types.js';

const MAX_TRACKED = 100_000;

interface Entry {
  ref: WeakRef<object>;
  kind: string;
  name: string;
  disposedAt?: number;
}

/**
 * Objects whose lifetime the app announces: tracked at creation, marked at disposal. One still
 * reachable long after its disposal (across GC windows) is a suspected leak. Entries hold only
 * WeakRefs; a FinalizationRegistry forgets collected ones.
 */
export class LifecycleRegistry {
  private readonly entries = new Map<number, Entry>();
  private readonly ids = new WeakMap<object, number>();
  private readonly finalizer = new FinalizationRegistry<number>((id) => this.entries.delete(id));
  private next = 1;

  /** track() calls ignored because MAX_TRACKED objects were already tracked. */
  dropped = 0;

  track(obj: object, kind: string, name: string): void {
    if (this.ids.has(obj)) return;
    if (this.entries.size >= MAX_TRACKED) {
      this.dropped++;
      return;
    }
    const id = this.next++;
    this.ids.set(obj, id);
    this.entries.set(id, { ref: new WeakRef(obj), kind, name });
    this.finalizer.register(obj, id);
  }

  markDisposed(obj: object, at = Date.now()): void {
    const id = this.ids.get(obj);
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (entry && entry.disposedAt === undefined) entry.disposedAt = at;
  }

  /** Live (not disposed, not collected) tracked objects by kind. */
  liveByKind(): Map<string, number> {
    const out = new Map<string, number>();
    for (const e of this.entries.values())
      if (e.disposedAt === undefined && e.ref.deref() !== undefined) out.set(e.kind, (out.get(e.kind) ?? 0) + 1);
    return out;
  }

  /** Disposed at least `minAgeMs` ago and still reachable. */
  leaks(minAgeMs: number, now = Date.now()): SuspectedLeak[] {
    const out: SuspectedLeak[] = [];
    for (const [id, e] of this.entries) {
      if (e.disposedAt === undefined || now - e.disposedAt < minAgeMs) continue;
      if (e.ref.deref() === undefined) {
        this.entries.delete(id);
        continue;
      }
      out.push({ kind: e.kind, name: e.name, disposedForMs: now - e.disposedAt });
    }
    return out;
  }
}

/**
 * The registry every MemoryInstrumentation reads: other instrumentations and app code feed it
 * through `trackLifecycle` / `markDisposed` from `frametel/memory` without holding an instance,
 * and objects tracked before the instrumentation is enabled are not lost.
 */
export const sharedLifecycle = new LifecycleRegistry();

/** Starts tracking `obj` (a component instance, a table row, a subscription…) as `kind`/`name`. */
export function trackLifecycle(obj: object, kind: string, name: string): void {
  sharedLifecycle.track(obj, kind, name);
}

/** Marks `obj` disposed (unmounted, removed): from now on it should become unreachable. */
export function markDisposed(obj: object): void {
  sharedLifecycle.markDisposed(obj);
}
