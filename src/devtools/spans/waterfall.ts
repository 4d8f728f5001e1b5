import type { SpanRecord } from './types.js';

/** One row of a waterfall: a span, its depth in the tree and its bar on the trace's time axis. */
export interface WaterfallRow {
  span: SpanRecord;
  depth: number;
  /** Bar start and width, 0–1 of the trace's extent. */
  offset: number;
  width: number;
}

/**
 * The spans of one trace in tree order (each parent before its children, siblings by start
 * time), with depths and bar positions. A span whose parent is not in the buffer (evicted, or
 * ended in another page) starts its own subtree at depth 0.
 *
 * @example
 * waterfallRows(buffer.trace(id)).map((r) => `${'  '.repeat(r.depth)}${r.span.name}`)
 */
export function waterfallRows(spans: readonly SpanRecord[]): WaterfallRow[] {
  if (spans.length === 0) return [];
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | undefined, SpanRecord[]>();
  for (const s of spans) {
    const parent = s.parentSpanId !== undefined && ids.has(s.parentSpanId) ? s.parentSpanId : undefined;
    const list = children.get(parent);
    if (list) list.push(s);
    else children.set(parent, [s]);
  }
  for (const list of children.values()) list.sort((a, b) => a.startMs - b.startMs || b.durationMs - a.durationMs);
  const t0 = Math.min(...spans.map((s) => s.startMs));
  const t1 = Math.max(...spans.map((s) => s.startMs + s.durationMs));
  const extent = Math.max(t1 - t0, 1e-3);
  const rows: WaterfallRow[] = [];
  const seen = new Set<string>();
  const visit = (s: SpanRecord, depth: number) => {
    if (seen.has(s.spanId)) return; // a malformed cycle never loops
    seen.add(s.spanId);
    rows.push({ span: s, depth, offset: (s.startMs - t0) / extent, width: s.durationMs / extent });
    for (const c of children.get(s.spanId) ?? []) visit(c, depth + 1);
  };
  for (const r of children.get(undefined) ?? []) visit(r, 0);
  return rows;
}
