/**
 * The slowest exported interactions of the page, for the DevTools overlay's "Slowest interactions"
 * section (which finds `slowestInteractions(n)` by shape, so the overlay imports no vitals code).
 * Bounded: only the slowest MAX_SLOWEST are kept, so a long session costs a fixed few KB.
 */

/** One interaction as the overlay shows it (the shape of src/devtools/sections/vitals.ts InteractionRow). */
export interface SlowInteraction {
  type: string;
  target: string | undefined;
  /** From the event's timeStamp to its paint (ms). */
  durationMs: number;
  inputDelayMs: number;
  processingMs: number;
  presentationDelayMs: number;
  /**
   * The operations it caused (names of the spans below it in its trace, in start order, at most
   * MAX_CAUSED): filled as they end, so renders committed after the interaction ended appear too.
   */
  operations: string[];
  traceId: string;
}

/** How many interactions are kept (the overlay lists a handful). */
export const MAX_SLOWEST = 20;

/** Keeps the slowest interactions, slowest first (equal durations: the earlier first). */
export class SlowestInteractions {
  private readonly kept: SlowInteraction[] = [];

  add(interaction: SlowInteraction): void {
    const kept = this.kept;
    if (kept.length >= MAX_SLOWEST && interaction.durationMs <= kept[kept.length - 1]!.durationMs) return;
    let at = kept.length;
    while (at > 0 && kept[at - 1]!.durationMs < interaction.durationMs) at--;
    kept.splice(at, 0, interaction);
    if (kept.length > MAX_SLOWEST) kept.pop();
  }

  /** The `n` slowest, slowest first, as copies (the caller may keep or change them). */
  slowest(n: number): SlowInteraction[] {
    const count = Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
    return this.kept.slice(0, count).map((i) => ({ ...i, operations: [...i.operations] }));
  }

  clear(): void {
    this.kept.length = 0;
  }
}
