/** One ended span as the in-page buffer keeps it: plain data, no references into the SDK. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  /** undefined for a trace's root span. */
  parentSpanId: string | undefined;
  name: string;
  /** `ui.operation`, if the span is a frametel operation. */
  operation: string | undefined;
  /** Component, signal or table name, else the request route. */
  subject: string | undefined;
  /** Start, epoch milliseconds (sub-millisecond precision). */
  startMs: number;
  durationMs: number;
  /** `ui.budget.ms`, when a budget applied. */
  budgetMs: number | undefined;
  /** `ui.budget.exceeded` is true. */
  exceeded: boolean;
  /** The span's status is ERROR. */
  error: boolean;
  /** `exception` events, as "type: message" (message at most 200 characters). */
  exceptions: string[];
  /** The span's attributes, strings cut at 200 characters, arrays kept as they are. */
  attributes: Record<string, unknown>;
}

/** What the overlay, the recorder and the replayer read from a span buffer. */
export interface SpanBufferSource {
  /** Every buffered span of `traceId`, in start order. */
  trace(traceId: string): SpanRecord[];
  /** The buffered spans, oldest first. */
  spans?(): SpanRecord[];
  /** Calls `listener` with each span as it ends; returns the unsubscribe function. */
  subscribe?(listener: (span: SpanRecord) => void): () => void;
}
