import type { ReadableSpan, Span } from '@opentelemetry/sdk-trace-base';
import type { SpanWatcher } from '../../../context/span-watch.js';
import { ATTR_UI_OPERATION, OP_INTERACTION, OP_LONG_ANIMATION_FRAME } from '../../../semconv.js';

/** Distinct operation names kept per interaction (the overlay shows a short chain). */
export const MAX_CAUSED = 8;
/**
 * Span ids followed: two generations of this many (the older is dropped whole when the newer is
 * full). Not one Map trimmed from its front: V8 leaves a deleted entry in place until the next
 * rehash, and `keys().next()` then walks over all of them, on every span start.
 */
const FOLLOWED_PER_GENERATION = 512;

interface Caused {
  /** Names of the descendant spans that ended, in start order, without repeats. */
  readonly names: string[];
  /** The start sequence number of each (span start times are whole ms: nested spans tie). */
  readonly order: number[];
}

/** A followed span: the interaction's list it counts into, and its start sequence number. */
interface Followed {
  readonly caused: Caused;
  readonly seq: number;
}

/**
 * Which operations each interaction caused: the names of the spans in its trace below it —
 * signal writes and table changes its handlers started, and the renders parented on those later
 * (src/context/causal.ts) — for the overlay's "caused" column. A span becomes followed when it
 * starts under an interaction span or under a followed span (the parent chain is known at start;
 * a render starts after the write that caused it ended), and is counted when it ends, so only
 * spans that really ended are listed. Long animation frames are the interaction's own children,
 * not something it caused. Costs one map lookup per span start and end.
 */
export class CausedOperations implements SpanWatcher {
  declare private young: Map<string, Followed>;
  declare private old: Map<string, Followed>;
  declare private seq: number;

  constructor() {
    this.young = new Map();
    this.old = new Map();
    this.seq = 0;
  }

  private followed(spanId: string): Followed | undefined {
    return this.young.get(spanId) ?? this.old.get(spanId);
  }

  onStart(span: Span): void {
    const parent = span.parentSpanContext;
    let caused: Caused | undefined;
    if (parent) caused = this.followed(parent.spanId)?.caused;
    else if (span.attributes[ATTR_UI_OPERATION] === OP_INTERACTION) caused = { names: [], order: [] };
    if (caused === undefined) return;
    if (this.young.size >= FOLLOWED_PER_GENERATION) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(span.spanContext().spanId, { caused, seq: this.seq++ });
  }

  onEnd(span: ReadableSpan): void {
    const f = span.parentSpanContext && this.followed(span.spanContext().spanId);
    const name = span.name;
    if (!f || name === OP_LONG_ANIMATION_FRAME) return;
    const { names, order } = f.caused;
    if (names.length >= MAX_CAUSED || names.includes(name)) return;
    let at = names.length;
    while (at > 0 && order[at - 1]! > f.seq) at--;
    names.splice(at, 0, name);
    order.splice(at, 0, f.seq);
  }

  /** The operations the interaction span `spanId` caused so far: a live list, filled as they end. */
  of(spanId: string): string[] {
    return this.followed(spanId)?.caused.names ?? [];
  }
}
