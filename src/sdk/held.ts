/**
 * Records (metric measurements, log records) the stand-in providers hold per signal until the
 * pipeline chunk brings the real SDK providers. Past it the oldest record is dropped and counted
 * (`diagnostics().heldDropped`): the most recent ones matter most when a page goes away early.
 * If the chunk fails to load twice, everything held and recorded later is dropped and counted.
 */
export const MAX_HELD_RECORDS = 2048;

/**
 * A bounded first-in first-out list of records: full → drops the oldest, counts it. Half full →
 * `onHalfFull` (the stand-ins start the chunk load then, instead of waiting for load and idle): a
 * busy page fills the rest while the chunk arrives, rather than dropping records for it.
 */
export class HeldRecords<T> {
  private items: T[] = [];
  /** Set when the chunk will never come: every record is dropped and counted at once. */
  private abandoned = false;

  constructor(
    private readonly max: number,
    private readonly onDrop: () => void,
    private readonly onHalfFull?: () => void,
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
    if (this.items.push(item) === Math.ceil(this.max / 2)) this.onHalfFull?.();
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

/** The real SDK provider's flush and shutdown (sdk-metrics' and sdk-logs' providers have both). */
export interface Flushable {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * What the stand-in meter and logger providers share: one stand-in per scope (name, version,
 * schema URL) until the real provider is attached, the bounded held records, and flush/shutdown
 * that load the chunk only when something waits for it (never just to flush nothing).
 */
export abstract class StandInProvider<Real extends Flushable, Scoped, H> {
  protected real: Real | undefined;
  protected readonly scoped = new Map<string, Scoped>();
  protected readonly held: HeldRecords<H>;

  constructor(
    protected readonly pipeline: PipelineHandle,
    max: number,
    onDrop: () => void,
  ) {
    this.held = new HeldRecords<H>(max, onDrop, () => pipeline.hurry());
  }

  /** The real provider, once the chunk is in. */
  get attached(): Real | undefined {
    return this.real;
  }

  /** The stand-in of one scope, made on first use. */
  protected scope(
    name: string,
    version: string | undefined,
    schemaUrl: string | undefined,
    make: () => Scoped,
  ): Scoped {
    const key = `${name}\u0000${version ?? ''}\u0000${schemaUrl ?? ''}`;
    let scoped = this.scoped.get(key);
    if (!scoped) {
      scoped = make();
      this.scoped.set(key, scoped);
    }
    return scoped;
  }

  /** The chunk failed to load twice: held and later records are dropped and counted. */
  abandon(): void {
    this.held.abandon();
  }

  /** Something the chunk must deliver: held records (a subclass may add more). */
  protected get waiting(): boolean {
    return this.held.size > 0;
  }

  async forceFlush(): Promise<void> {
    if (!this.real && this.waiting) await this.pipeline.ready().catch(() => {});
    await this.real?.forceFlush();
  }

  async shutdown(): Promise<void> {
    if (!this.real && this.held.size > 0) await this.pipeline.ready().catch(() => {});
    await this.real?.shutdown();
  }
}
