import type { SpanRecord } from '../spans/types.js';
import type { RecordedOperation } from './schema.js';

/** Epoch milliseconds on the clock spans use (time origin + monotonic now). */
export const epochNow = () => performance.timeOrigin + performance.now();

/** A frametel operation span as a step's operation; other spans (e.g. plain HTTP client spans) are not. */
export function toOperation(s: SpanRecord): RecordedOperation | undefined {
  if (s.operation === undefined) return undefined;
  const op: RecordedOperation = {
    operation: s.operation,
    name: s.name,
    durationMs: s.durationMs,
    exceeded: s.exceeded,
  };
  if (s.subject !== undefined) op.subject = s.subject;
  if (s.budgetMs !== undefined) op.budgetMs = s.budgetMs;
  return op;
}

/** One row of the comparison: an operation (and subject) as recorded and as replayed. */
export interface OperationComparison {
  operation: string;
  subject?: string;
  /** The longest run in the step, ms; undefined when it did not happen. */
  recordedMs?: number;
  replayedMs?: number;
  budgetMs?: number;
  recordedExceeded: boolean;
  replayedExceeded: boolean;
  /** 'fixed': over budget when recorded, within it now; 'regressed': the other way round. */
  verdict: 'fixed' | 'regressed' | 'still over' | 'within' | 'new' | 'gone';
}

/**
 * Lines up the operations of a step as recorded and as replayed, by operation and subject (the
 * longest run of each), so "table.sort (orders) 412 ms over 50 → 31 ms within" reads off one row.
 */
export function compareOperations(recorded: RecordedOperation[], replayed: RecordedOperation[]): OperationComparison[] {
  const key = (o: RecordedOperation) => `${o.operation}\u0000${o.subject ?? ''}`;
  const rows = new Map<string, OperationComparison>();
  const row = (o: RecordedOperation) => {
    let r = rows.get(key(o));
    if (!r) {
      r = { operation: o.operation, recordedExceeded: false, replayedExceeded: false, verdict: 'within' };
      if (o.subject !== undefined) r.subject = o.subject;
      rows.set(key(o), r);
    }
    if (o.budgetMs !== undefined) r.budgetMs = o.budgetMs;
    return r;
  };
  for (const o of recorded) {
    const r = row(o);
    r.recordedMs = Math.max(r.recordedMs ?? 0, o.durationMs);
    r.recordedExceeded ||= o.exceeded;
  }
  for (const o of replayed) {
    const r = row(o);
    r.replayedMs = Math.max(r.replayedMs ?? 0, o.durationMs);
    r.replayedExceeded ||= o.exceeded;
  }
  for (const r of rows.values()) {
    r.verdict =
      r.recordedMs === undefined
        ? 'new'
        : r.replayedMs === undefined
          ? 'gone'
          : r.recordedExceeded && !r.replayedExceeded
            ? 'fixed'
            : !r.recordedExceeded && r.replayedExceeded
              ? 'regressed'
              : r.recordedExceeded
                ? 'still over'
                : 'within';
  }
  return [...rows.values()];
}
