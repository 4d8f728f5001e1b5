import type { Frametel } from '../../handle.js';
import type { SpanBufferSource } from './types.js';

/** The span buffer among the span processors given to register(), found by shape. */
export function findSpanBuffer(ft: Frametel): SpanBufferSource | undefined {
  return (ft.spanProcessors ?? []).find(
    (p) => typeof (p as unknown as Partial<SpanBufferSource>).trace === 'function',
  ) as SpanBufferSource | undefined;
}
