import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { join, split } from '../../../src/delivery/payload.js';
import { countDataPoints } from '../../../src/sdk/providers.js';

const encode = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
const decode = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as Record<string, unknown>;
const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'shop-web' } }] };
const scope = { name: 'frametel' };
const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
/** A fresh 32-hex trace id per test, so the module's note of notable traces does not leak between tests. */
const trace = (n: number) => `${Date.now().toString(16).padStart(16, '0')}${String(n).padStart(16, '0')}`;

class Collecting extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

describe('payload: OTLP/JSON requests taken apart into records and put back together', () => {
  it('logs: violation and ERROR+ records are important, INFO is not; each piece is one record with its resource and scope', () => {
    const t = trace(1);
    const records = [
      { eventName: 'ui.budget.violation', traceId: t, spanId: 'a', attributes: [str('log.record.uid', 'u1')] },
      { severityNumber: 17, body: { stringValue: 'boom' }, attributes: [str('log.record.uid', 'u2')] },
      { severityNumber: 9, body: { stringValue: 'fine' }, attributes: [str('log.record.uid', 'u3')] },
    ];
    const pieces = split('logs', encode({ resourceLogs: [{ resource, scopeLogs: [{ scope, logRecords: records }] }] }));
    expect(pieces.map((p) => [p.important, p.n])).toEqual([
      [true, 1],
      [true, 1],
      [false, 1],
    ]);
    expect(JSON.parse(pieces[2]!.json)).toEqual({ resource, scopeLogs: [{ scope, logRecords: [records[2]] }] });
    // Fragments joined back are one valid request holding every record, in order.
    const joined = decode(
      join(
        'logs',
        pieces.map((p) => p.json),
      ),
    ) as {
      resourceLogs: Array<{ resource: unknown; scopeLogs: Array<{ logRecords: unknown[] }> }>;
    };
    expect(joined.resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords))).toEqual(records);
    expect(joined.resourceLogs[0]!.resource).toEqual(resource);
  });

  it('traces: violated and failed spans are important, and so are the other spans of their traces, before or after them, in this request or a later one', () => {
    const [violated, failed, plain, noted] = [trace(2), trace(3), trace(4), trace(5)];
    // The violation record of trace `noted` went out with the logs first.
    split(
      'logs',
      encode({
        resourceLogs: [
          { resource, scopeLogs: [{ scope, logRecords: [{ eventName: 'ui.budget.violation', traceId: noted }] }] },
        ],
      }),
    );
    const spans = [
      { traceId: violated, spanId: '1', name: 'child, ended first' },
      { traceId: violated, spanId: '2', attributes: [{ key: 'ui.budget.exceeded', value: { boolValue: true } }] },
      { traceId: failed, spanId: '3', status: { code: 2 } },
      { traceId: plain, spanId: '4', attributes: [{ key: 'ui.budget.exceeded', value: { boolValue: false } }] },
      { traceId: plain, spanId: '5', status: { code: 1 } },
      { traceId: noted, spanId: '6' },
    ];
    const pieces = split('traces', encode({ resourceSpans: [{ resource, scopeSpans: [{ scope, spans }] }] }));
    expect(pieces.map((p) => p.important)).toEqual([true, true, true, false, false, true]);
    expect(pieces.every((p) => p.n === 1)).toBe(true);
  });

  it('metrics: one piece per resource, never important, counting the data points the exporter ledger counts', async () => {
    const reader = new Collecting();
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'shop-web' }),
      readers: [reader],
    });
    const meter = provider.getMeter('frametel');
    const histogram = meter.createHistogram('ui.operation.duration');
    const counter = meter.createCounter('ui.budget.violations');
    // An attribute named like the field, and a value holding it with a colon: neither is a data point.
    for (const op of ['table.sort', 'timeUnixNano', '"timeUnixNano":']) histogram.record(0.01, { 'ui.operation': op });
    counter.add(1, { timeUnixNano: 'x' });
    counter.add(1, { 'ui.operation': 'table.sort' });
    const { resourceMetrics } = await reader.collect();
    const expected = countDataPoints([resourceMetrics]);
    expect(expected).toBe(5);
    const pieces = split('metrics', JsonMetricsSerializer.serializeRequest(resourceMetrics)!);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toMatchObject({ important: false, n: expected });
    await provider.shutdown();
  });
});
