import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
} from '@opentelemetry/sdk-metrics';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StandInLoggerProvider } from '../../../src/sdk/stand-in-logs.js';
import { StandInMeterProvider } from '../../../src/sdk/stand-in-metrics.js';

/** The pipeline as the stand-ins see it: counts loads and hurries, never loads by itself. */
function fakePipeline(attach?: () => void) {
  const calls = { ready: 0, hurry: 0 };
  return {
    calls,
    handle: {
      ready: async () => {
        calls.ready++;
        attach?.();
      },
      hurry: () => void calls.hurry++,
    },
  };
}

function realMetrics() {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({ readers: [reader] });
  const points = async (name: string) => {
    await reader.forceFlush();
    return exporter
      .getMetrics()
      .at(-1)!
      .scopeMetrics.flatMap((sm) => sm.metrics.filter((m) => m.descriptor.name === name))
      .flatMap((m) => m.dataPoints as DataPoint<unknown>[]);
  };
  return { provider, points, exporter };
}

function realLogs() {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  const records = async () => {
    await provider.forceFlush();
    return exporter.getFinishedLogRecords();
  };
  return { provider, records };
}

describe('StandInMeterProvider', () => {
  it('past its bound drops the oldest measurements, counts them, and replays the rest in order', async () => {
    let dropped = 0;
    const pipeline = fakePipeline();
    const standIn = new StandInMeterProvider(pipeline.handle, 3, () => dropped++);
    const counter = standIn.getMeter('app').createCounter('app.clicks');
    for (let i = 1; i <= 5; i++) counter.add(i, { n: i });
    expect(dropped).toBe(2);
    expect(pipeline.calls.hurry).toBe(1); // at 2 of 3 held: the chunk is asked for before any drop
    const real = realMetrics();
    standIn.attach(real.provider);
    const points = await real.points('app.clicks');
    expect(points.map((p) => [p.attributes.n, p.value])).toEqual([
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    // After attach the same instrument goes straight to the real one; nothing is held any more.
    counter.add(10, { n: 5 });
    expect((await real.points('app.clicks')).find((p) => p.attributes.n === 5)?.value).toBe(15);
    expect(dropped).toBe(2);
    await real.provider.shutdown();
  });

  it('keeps each instrument kind, its options, and observable and batch callbacks registered before the chunk', async () => {
    const standIn = new StandInMeterProvider(fakePipeline().handle, 100, () => {});
    const meter = standIn.getMeter('app', '1.0.0');
    expect(standIn.getMeter('app', '1.0.0')).toBe(meter);
    const histogram = meter.createHistogram('app.latency', {
      unit: 's',
      advice: { explicitBucketBoundaries: [0.1, 1] },
    });
    const upDown = meter.createUpDownCounter('app.open');
    const gauge = meter.createGauge('app.temp');
    const observed = meter.createObservableGauge('app.rows');
    observed.addCallback((r) => r.observe(42, { table: 'orders' }));
    const removed = meter.createObservableCounter('app.removed');
    const never = () => {
      throw new Error('removed callback called');
    };
    removed.addCallback(never);
    removed.removeCallback(never);
    const batched = meter.createObservableUpDownCounter('app.queue');
    meter.addBatchObservableCallback((r) => r.observe(batched, 7, { q: 'a' }), [batched]);
    histogram.record(0.05, { route: '/' });
    histogram.record(0.5, { route: '/' });
    upDown.add(3);
    upDown.add(-1);
    gauge.record(21.5);

    const real = realMetrics();
    standIn.attach(real.provider);
    const [h] = await real.points('app.latency');
    expect(h!.value).toMatchObject({ count: 2, sum: 0.55, buckets: { boundaries: [0.1, 1], counts: [1, 1, 0] } });
    const exported = real.exporter.getMetrics().at(-1)!.scopeMetrics[0]!;
    expect(exported.scope).toMatchObject({ name: 'app', version: '1.0.0' });
    expect(exported.metrics.find((m) => m.descriptor.name === 'app.latency')!.descriptor.unit).toBe('s');
    expect((await real.points('app.open'))[0]!.value).toBe(2);
    expect((await real.points('app.temp'))[0]!.value).toBe(21.5);
    expect((await real.points('app.rows')).map((p) => [p.attributes, p.value])).toEqual([[{ table: 'orders' }, 42]]);
    expect((await real.points('app.queue')).map((p) => [p.attributes, p.value])).toEqual([[{ q: 'a' }, 7]]);
    // After attach getMeter() hands out the real provider's meters.
    expect(standIn.getMeter('other')).not.toHaveProperty('attach');
    await real.provider.shutdown();
  });

  it('forceFlush loads the chunk only when something waits for it', async () => {
    const real = realMetrics();
    let standIn!: StandInMeterProvider;
    const pipeline = fakePipeline(() => standIn.attach(real.provider));
    standIn = new StandInMeterProvider(pipeline.handle, 100, () => {});
    standIn.getMeter('app').createCounter('app.idle');
    await standIn.forceFlush();
    expect(pipeline.calls.ready).toBe(0);
    standIn
      .getMeter('app')
      .createObservableGauge('app.rows')
      .addCallback((r) => r.observe(1));
    await standIn.forceFlush();
    expect(pipeline.calls.ready).toBe(1);
    expect(real.exporter.getMetrics().at(-1)!.scopeMetrics[0]!.metrics[0]!.descriptor.name).toBe('app.rows');
    await standIn.shutdown();
  });
});

describe('StandInLoggerProvider', () => {
  beforeAll(() => void context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());
  const spanContext = {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    traceFlags: TraceFlags.SAMPLED,
  };

  it('records keep the timestamps, severity, attributes and trace context of their emit, not of the replay', async () => {
    const pipeline = fakePipeline();
    const standIn = new StandInLoggerProvider(pipeline.handle, 100, () => {});
    const logger = standIn.getLogger('app', '2.0.0', { schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' });
    const attributes = { 'cart.items': 3 };
    const before = Date.now();
    context.with(trace.setSpanContext(ROOT_CONTEXT, spanContext), () =>
      logger.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'shown', attributes }),
    );
    logger.emit({
      severityNumber: SeverityNumber.DEBUG,
      body: 'explicit',
      timestamp: 1_700_000_000_000,
      observedTimestamp: 1_700_000_000_500,
    });
    // The caller's object changing afterwards does not change the held record (the SDK copies too).
    attributes['cart.items'] = 99;
    expect(pipeline.calls.hurry).toBe(0);
    await new Promise((r) => setTimeout(r, 20));

    const real = realLogs();
    standIn.attach(real.provider);
    const [shown, explicit] = await real.records();
    const ms = (t: [number, number]) => t[0] * 1000 + t[1] / 1e6;
    expect(ms(shown!.hrTime)).toBeGreaterThanOrEqual(before);
    expect(ms(shown!.hrTime)).toBeLessThan(before + 15);
    expect(shown!.hrTimeObserved).toEqual(shown!.hrTime);
    expect(shown!.spanContext).toMatchObject({ traceId: spanContext.traceId, spanId: spanContext.spanId });
    expect(shown!).toMatchObject({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'shown' });
    expect(shown!.attributes).toEqual({ 'cart.items': 3 });
    expect(shown!.instrumentationScope).toEqual({
      name: 'app',
      version: '2.0.0',
      schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
    });
    expect(ms(explicit!.hrTime)).toBe(1_700_000_000_000);
    expect(ms(explicit!.hrTimeObserved)).toBe(1_700_000_000_500);
    expect(explicit!.spanContext).toBeUndefined();
    await real.provider.shutdown();
  });

  it('the first WARN-or-above record hurries the chunk', () => {
    const pipeline = fakePipeline();
    const logger = new StandInLoggerProvider(pipeline.handle, 100, () => {}).getLogger('app');
    logger.emit({ body: 'a', severityNumber: SeverityNumber.INFO });
    expect(pipeline.calls.hurry).toBe(0);
    logger.emit({ body: 'b', severityNumber: SeverityNumber.WARN });
    expect(pipeline.calls.hurry).toBe(1);
  });

  it('half its bound held hurries the chunk (once); past its bound the oldest records are dropped and counted', async () => {
    let dropped = 0;
    const pipeline = fakePipeline();
    const standIn = new StandInLoggerProvider(pipeline.handle, 4, () => dropped++);
    const logger = standIn.getLogger('app');
    logger.emit({ body: 'a' });
    expect(pipeline.calls.hurry).toBe(0);
    logger.emit({ body: 'b' });
    expect(pipeline.calls.hurry).toBe(1);
    for (const body of ['c', 'd', 'e']) logger.emit({ body });
    expect(pipeline.calls.hurry).toBe(1);
    expect(dropped).toBe(1);
    const real = realLogs();
    standIn.attach(real.provider);
    expect((await real.records()).map((r) => r.body)).toEqual(['b', 'c', 'd', 'e']);
    logger.emit({ body: 'f' });
    expect((await real.records()).map((r) => r.body)).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(dropped).toBe(1);
    await real.provider.shutdown();
  });
});
