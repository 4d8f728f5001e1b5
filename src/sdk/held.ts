/**
 * Records (metric measurements, log records) the stand-in providers hold per signal until the
 * pipeline chunk brings the real SDK providers. Past it the oldest record is dropped and counted
 * (`diagnostics().heldDropped`): the most recent ones matter most when a page goes away early.
 * If the chunk fails to load twice, everything held and recorded later is dropped and counted.
 */
export const MAX_HELD_RECORDS = 2048;

/** A bounded first-in first-out list of records: full → drops the oldest, counts it. */
export class HeldRecords<T> {
  private items: T[] = [];
  /** Set when the chunk will never come: every record is dropped and counted at once. */
  private abandoned = false;

  constructor(
    private readonly max: number,
    private readonly onDrop: () => void,
  ) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.abandoned) {
      this.onDrop();
      return;
    }
    if (this.items.length >= this.max) {
      this.items.shift();
      this.onDrop();
    }
    this.items.push(item);
  }

  /** The chunk failed to load twice: counts everything held as dropped, and every later record. */
  abandon(): void {
    this.abandoned = true;
    const lost = this.take().length;
    for (let i = 0; i < lost; i++) this.onDrop();
  }

  /** Everything held, oldest first; the list is empty afterwards. */
  take(): T[] {
    const out = this.items;
    this.items = [];
    return out;
  }
}

/** What a stand-in provider needs from the pipeline loader. */
export interface PipelineHandle {
  /** Starts (or joins) the chunk load; resolves once the real providers are attached. */
  ready(): Promise<unknown>;
  /** Starts the chunk load now (an important record arrived), without waiting for it. */
  hurry(): void;
}
