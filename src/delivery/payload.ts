import { ATTR_LOG_RECORD_UID, ATTR_UI_BUDGET_EXCEEDED, EVENT_UI_BUDGET_VIOLATION } from '../semconv.js';
import type { Signal } from './store.js';

/**
 * OTLP/JSON requests taken apart into records and put back together. Only failed or unload-time
 * payloads are parsed: while the collector answers, bytes pass through untouched.
 */

/** A record cut out of a request: its own one-resource, one-scope fragment. */
export interface Piece {
  id: string;
  /** Kept when persistence keeps only important records: violations, errors, their traces' spans. */
  important: boolean;
  json: string;
  n: number;
}

type Json = Record<string, unknown> & { attributes?: Array<{ key: string; value: Record<string, unknown> }> };

const ROOT = { traces: 'resourceSpans', logs: 'resourceLogs', metrics: 'resourceMetrics' } as const;
const SCOPES = { traces: 'scopeSpans', logs: 'scopeLogs', metrics: 'scopeMetrics' } as const;
const RECORDS = { traces: 'spans', logs: 'logRecords', metrics: 'metrics' } as const;
/** OTLP severity numbers 17–24 are ERROR and FATAL. */
const SEVERITY_ERROR = 17;
const STATUS_ERROR = 2;
/** Trace ids with a violation or an error, so their other spans are kept too (bounded). */
const notableTraces = new Set<string>();
const MAX_NOTABLE = 1000;

function attr(record: Json, key: string): unknown {
  const a = record.attributes?.find((x) => x.key === key);
  return a && Object.values(a.value)[0];
}

function note(traceId: unknown): void {
  if (typeof traceId !== 'string' || traceId === '') return;
  if (notableTraces.size >= MAX_NOTABLE) notableTraces.delete(notableTraces.values().next().value as string);
  notableTraces.add(traceId);
}

function isNotable(signal: Signal, r: Json): boolean {
  if (signal === 'logs')
    return (
      r.eventName === EVENT_UI_BUDGET_VIOLATION || ((r.severityNumber as number | undefined) ?? 0) >= SEVERITY_ERROR
    );
  if (signal === 'traces')
    return (
      attr(r, ATTR_UI_BUDGET_EXCEEDED) === true || (r.status as { code?: number } | undefined)?.code === STATUS_ERROR
    );
  return false;
}

function recordId(signal: Signal, r: Json): string {
  if (signal === 'traces') return `${r.traceId}${r.spanId}`;
  if (signal === 'logs') return String(attr(r, ATTR_LOG_RECORD_UID) ?? `${r.traceId}${r.spanId}${r.timeUnixNano}`);
  return randomId();
}

export function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Splits one OTLP/JSON request into records. A metrics request stays one piece (its data points
 * are deltas that only make sense together); `n` is then its data point count.
 */
export function split(signal: Signal, bytes: Uint8Array): Piece[] {
  const request = JSON.parse(decoder.decode(bytes)) as Record<string, Json[]>;
  const resources = request[ROOT[signal]] ?? [];
  if (signal === 'metrics') {
    const points = (rm: Json) => {
      let n = 0;
      for (const sm of (rm[SCOPES.metrics] as Json[]) ?? [])
        for (const m of (sm.metrics as Json[]) ?? [])
          for (const v of Object.values(m)) n += (v as { dataPoints?: unknown[] } | null)?.dataPoints?.length ?? 0;
      return n;
    };
    return resources.map((rm) => ({ id: randomId(), important: false, json: JSON.stringify(rm), n: points(rm) }));
  }
  const flat: Array<[Json, Json, Json]> = [];
  for (const resource of resources)
    for (const scope of (resource[SCOPES[signal]] as Json[]) ?? [])
      for (const record of (scope[RECORDS[signal]] as Json[]) ?? []) {
        flat.push([resource, scope, record]);
        if (isNotable(signal, record)) note(record.traceId);
      }
  return flat.map(([resource, scope, record]) => ({
    id: recordId(signal, record),
    important: isNotable(signal, record) || notableTraces.has(record.traceId as string),
    json: JSON.stringify({ ...resource, [SCOPES[signal]]: [{ ...scope, [RECORDS[signal]]: [record] }] }),
    n: 1,
  }));
}

/** One OTLP/JSON request from fragments of one signal (several resource entries are valid OTLP). */
export function join(signal: Signal, fragments: string[]): Uint8Array {
  return encoder.encode(`{"${ROOT[signal]}":[${fragments.join(',')}]}`);
}

/** Byte length of a fragment once in a request (ASCII except for string contents; UTF-8 counted exactly). */
export function sizeOf(json: string): number {
  return encoder.encode(json).byteLength + 1;
}
