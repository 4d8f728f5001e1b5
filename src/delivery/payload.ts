import { ATTR_UI_BUDGET_EXCEEDED, EVENT_UI_BUDGET_VIOLATION } from '../semconv.js';

/**
 * OTLP/JSON requests taken apart into records and put back together. Only failed or unload-time
 * payloads are parsed: while the collector answers, bytes pass through untouched.
 */

/** The signal of an export; also the order stored entries are re-sent in (most important first). */
export type Signal = 'logs' | 'traces' | 'metrics';

/** A record cut out of a request: its own one-resource, one-scope fragment. */
export interface Piece {
  /** Kept when persistence keeps only important records: violations, errors, their traces' spans. */
  important: boolean;
  json: string;
  /** Items it counts as in diagnostics: 1, or a metrics export's data points. */
  n: number;
}

type Json = Record<string, unknown>;

/** The list under `key`, or none. */
const list = (o: Json, key: string) => (o[key] as Json[] | undefined) ?? [];

/** `resource<X>` / `scope<X>` and the record list key of each signal's OTLP/JSON request. */
const NAMES = { traces: ['Spans', 'spans'], logs: ['Logs', 'logRecords'], metrics: ['Metrics', 'metrics'] } as const;
/** Trace ids with a violation or an error, so their other spans are kept too (bounded, oldest out). */
const notableTraces = new Set<unknown>();

/**
 * A violation record, an ERROR+ record (OTLP severity 17–24), a violated span or a failed one
 * (status code 2). Log records have no `status`, spans no `eventName`: one test serves both.
 */
function notable(r: Json): boolean {
  return (
    r.eventName === EVENT_UI_BUDGET_VIOLATION ||
    (r.severityNumber as number) >= 17 ||
    (r.status as { code?: number } | undefined)?.code === 2 ||
    (r.attributes as unknown as Array<{ key: string; value: { boolValue?: boolean } }> | undefined)?.some(
      (a) => a.key === ATTR_UI_BUDGET_EXCEEDED && a.value.boolValue === true,
    ) === true
  );
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Splits one OTLP/JSON request into records. A metrics request stays one piece per resource (its
 * data points are deltas that only make sense together); `n` is then its data point count.
 */
export function split(signal: Signal, bytes: Uint8Array): Piece[] {
  const [kind, key] = NAMES[signal];
  const scopes = `scope${kind}`;
  const flat: Piece[] = [];
  const records: Json[] = [];
  for (const resource of list(JSON.parse(decoder.decode(bytes)) as Json, `resource${kind}`))
    if (signal === 'metrics') {
      const json = JSON.stringify(resource);
      // Its data points: each has one timeUnixNano (the JS serializer writes no exemplars; an
      // attribute or string value can hold the name, but not followed by a colon).
      flat.push({ important: false, json, n: json.split('"timeUnixNano":').length - 1 });
    } else
      for (const scope of list(resource, scopes))
        for (const record of list(scope, key)) {
          // Noted before any piece is judged: a span earlier in the batch than its trace's violation is kept too.
          if (notable(record) && record.traceId) {
            if (notableTraces.size >= 1000) notableTraces.delete(notableTraces.values().next().value);
            notableTraces.add(record.traceId);
          }
          records.push(record);
          flat.push({
            important: false,
            json: JSON.stringify({ ...resource, [scopes]: [{ ...scope, [key]: [record] }] }),
            n: 1,
          });
        }
  records.forEach((r, i) => {
    flat[i]!.important = notable(r) || notableTraces.has(r.traceId);
  });
  return flat;
}

/** One OTLP/JSON request from fragments of one signal (several resource entries are valid OTLP). */
export function join(signal: Signal, fragments: string[]): Uint8Array {
  return encoder.encode(`{"resource${NAMES[signal][0]}":[${fragments}]}`);
}

/** Byte length of a fragment once in a request (UTF-8 counted exactly, plus its comma). */
export function sizeOf(json: string): number {
  return encoder.encode(json).byteLength + 1;
}
