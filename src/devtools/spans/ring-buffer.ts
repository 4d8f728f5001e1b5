import { diag, SpanStatusCode, type HrTime } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { checkNumber, checkObject } from '../../config/checks.js';
import {
  ATTR_UI_BUDGET_EXCEEDED,
  ATTR_UI_BUDGET_MS,
  ATTR_UI_NETWORK_ROUTE,
  ATTR_UI_OPERATION,
  EVENT_EXCEPTION,
  SUBJECT_ATTRIBUTES,
} from '../../semconv.js';
import type { SpanBufferSource, SpanRecord } from './types.js';

/** Defaults of the ring buffer, in one place. */
export const SPAN_BUFFER_DEFAULTS = {
  /** Spans kept. */
  maxSpans: 2000,
  /** Estimated bytes kept (UTF-16 text + a fixed cost per span and attribute). */
  maxBytes: 4 * 1024 * 1024,
  /** Longest string attribute or exception message kept, in characters. */
  maxStringLength: 200,
} as const;

const SPAN_OVERHEAD_BYTES = 200;
const ATTRIBUTE_OVERHEAD_BYTES = 16;

export interface SpanRingBufferOptions {
  /** Spans kept, oldest dropped first; an integer ≥ 1. Default 2000. */
  maxSpans?: number;
  /** Estimated bytes kept, oldest dropped first; ≥ 1024. Default 4 MiB. */
  maxBytes?: number;
}

const hrToMs = (t: HrTime) => t[0] * 1e3 + t[1] / 1e6;
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length * 2;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + sizeOf(v), 8);
  return 8;
}

/**
 * An in-page buffer of recently ended spans, for the DevTools (trace waterfall, recording and
 * replay): a span processor that keeps plain copies of the last `maxSpans` spans within
 * `maxBytes`, dropping the oldest first. No network, no timer. Give it to
 * `register({ spanProcessors: [buffer] })`; it sees every recorded span, sampled out or not.
 */
export class SpanRingBuffer implements SpanProcessor, SpanBufferSource {
  readonly maxSpans: number;
  readonly maxBytes: number;
  private records: Array<{ span: SpanRecord; bytes: number }> = [];
  /** Index of the oldest record (the array is used as a queue without shifting on every span). */
  private head = 0;
  private bytes = 0;
  private evicted = 0;
  private readonly listeners = new Set<(span: SpanRecord) => void>();

  constructor(options: SpanRingBufferOptions = {}) {
    const o = checkObject('SpanRingBuffer options', options ?? {}, ['maxSpans', 'maxBytes']);
    const at = (key: string) => `SpanRingBuffer options.${key}`;
    this.maxSpans =
      o.maxSpans === undefined
        ? SPAN_BUFFER_DEFAULTS.maxSpans
        : checkNumber(at('maxSpans'), o.maxSpans, 1, 1e6, 'an integer from 1 to 1000000', true);
    this.maxBytes =
      o.maxBytes === undefined
        ? SPAN_BUFFER_DEFAULTS.maxBytes
        : checkNumber(at('maxBytes'), o.maxBytes, 1024, 2 ** 31, 'a number of bytes from 1024 to 2147483648');
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    let record: SpanRecord;
    try {
      record = toRecord(span);
    } catch (error) {
      diag.debug('frametel devtools: could not buffer a span', error);
      return;
    }
    const bytes = estimateBytes(record);
    this.records.push({ span: record, bytes });
    this.bytes += bytes;
    while (this.size > this.maxSpans || (this.bytes > this.maxBytes && this.size > 1)) this.evictOldest();
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch (error) {
        diag.debug('frametel devtools: a span listener failed', error);
      }
    }
  }

  /** Spans currently kept. */
  get size(): number {
    return this.records.length - this.head;
  }

  /** Estimated bytes currently kept. */
  get byteSize(): number {
    return this.bytes;
  }

  /** Spans dropped to stay within the bounds, since creation. */
  get dropped(): number {
    return this.evicted;
  }

  spans(): SpanRecord[] {
    return this.records.slice(this.head).map((r) => r.span);
  }

  trace(traceId: string): SpanRecord[] {
    const out: SpanRecord[] = [];
    for (let i = this.head; i < this.records.length; i++) {
      const s = this.records[i]!.span;
      if (s.traceId === traceId) out.push(s);
    }
    // Same start (coarse clocks): the longer first, which puts a parent before its children.
    return out.sort((a, b) => a.startMs - b.startMs || b.durationMs - a.durationMs);
  }

  subscribe(listener: (span: SpanRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.records = [];
    this.head = 0;
    this.bytes = 0;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }

  private evictOldest(): void {
    const oldest = this.records[this.head]!;
    this.bytes -= oldest.bytes;
    this.head++;
    this.evicted++;
    // Compact once the dead prefix is as long as the live part: amortised O(1) per span.
    if (this.head >= 1024 && this.head * 2 >= this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
  }
}

function toRecord(span: ReadableSpan): SpanRecord {
  const max = SPAN_BUFFER_DEFAULTS.maxStringLength;
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes))
    attributes[key] = typeof value === 'string' ? cut(value, max) : value;
  const str = (key: string) => (typeof attributes[key] === 'string' ? (attributes[key] as string) : undefined);
  let subject: string | undefined;
  for (const key of [...SUBJECT_ATTRIBUTES, ATTR_UI_NETWORK_ROUTE]) subject ??= str(key);
  const budget = attributes[ATTR_UI_BUDGET_MS];
  const context = span.spanContext();
  const parent = (span as { parentSpanContext?: { spanId: string } }).parentSpanContext;
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: parent?.spanId,
    name: span.name,
    operation: str(ATTR_UI_OPERATION),
    subject,
    startMs: hrToMs(span.startTime),
    durationMs: hrToMs(span.duration),
    budgetMs: typeof budget === 'number' ? budget : undefined,
    exceeded: attributes[ATTR_UI_BUDGET_EXCEEDED] === true,
    error: span.status.code === SpanStatusCode.ERROR,
    exceptions: span.events
      .filter((e) => e.name === EVENT_EXCEPTION)
      .map((e) => {
        const a = e.attributes ?? {};
        return cut(`${String(a['exception.type'] ?? 'Error')}: ${String(a['exception.message'] ?? '')}`, max);
      }),
    attributes,
  };
}

function estimateBytes(r: SpanRecord): number {
  let n = SPAN_OVERHEAD_BYTES + sizeOf(r.name) + sizeOf(r.exceptions);
  for (const [key, value] of Object.entries(r.attributes)) n += ATTRIBUTE_OVERHEAD_BYTES + sizeOf(key) + sizeOf(value);
  return n;
}
