/** How long a departed object may stay reachable before it counts as leaked. */
export const LEAK_GRACE_MS = 10_000;
const MAX_WATCHED = 100_000;

/**
 * Objects that left a table's model (rows of a replaced core row model, columns of a replaced
 * column set), watched through WeakRefs until they are collected. One still reachable after the
 * grace period is leaked: something in the app still holds it.
 */
export class DepartureTracker {
  private readonly watched = new Set<{ ref: WeakRef<object>; at: number }>();
  private readonly finalizer = new FinalizationRegistry<{ ref: WeakRef<object>; at: number }>((entry) =>
    this.watched.delete(entry),
  );
  /** Departures not watched because MAX_WATCHED was reached. */
  dropped = 0;

  /** The previous items that are not in `next` have departed. */
  replaced(previous: readonly unknown[] | undefined, next: readonly unknown[]): void {
    if (!previous || previous.length === 0) return;
    const kept = new Set(next);
    const at = Date.now();
    for (const item of previous) {
      if (typeof item !== 'object' || item === null || kept.has(item)) continue;
      if (this.watched.size >= MAX_WATCHED) {
        this.dropped++;
        continue;
      }
      const entry = { ref: new WeakRef(item), at };
      this.watched.add(entry);
      this.finalizer.register(item, entry);
    }
  }

  /** Departed at least `graceMs` ago and still reachable. */
  leaked(graceMs = LEAK_GRACE_MS, now = Date.now()): number {
    let n = 0;
    for (const entry of this.watched) {
      if (entry.ref.deref() === undefined) this.watched.delete(entry);
      else if (now - entry.at >= graceMs) n++;
    }
    return n;
  }
}
