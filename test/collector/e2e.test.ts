import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { register, type Frametel } from '../../src/index.js';
import { datadogIntake, newRelicIntake, sentryIntake, type RecordingIntake } from '../intakes/recording-intake.js';
import { CollectorStack, tagOf as tag } from '../support/stack.js';
import { eventually } from './support/processes.js';

const SENTRY_KEY = 'sentry-public-key';
const SENTRY_PROJECT = 42;

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('frametel → otelcol-frametel → Jaeger, Sentry, Datadog, New Relic (real processes)', () => {
  const sentry = sentryIntake();
  const datadog = datadogIntake();
  const newRelic = newRelicIntake();
  const stack = new CollectorStack({ name: 'otelcol-e2e', jaeger: true });
  let ft: Frametel | undefined;
  const service = `e2e-${process.pid}`;

  /** (Re)starts the collector with every back end; `extra` overrides this start's environment. */
  const startCollector = async (extra: Record<string, string> = {}) => {
    await stack.startCollector(extra);
    expect(stack.enabled).toEqual(['jaeger', 'sentry', 'datadog', 'newrelic']);
  };

  const connect = (extra: Parameters<typeof register>[0]['budgets'] = {}) =>
    register({
      serviceName: service,
      endpoint: stack.otlpHttp,
      budgets: { 'op.slow': 1, 'op.fast': 10_000, ...(extra as object) },
      metricExportIntervalMs: 60_000,
    });

  beforeAll(async () => {
    await Promise.all([sentry.start(), datadog.start(), newRelic.start()]);
    await stack.start({
      FRAMETEL_SPANMETRICS_FLUSH_INTERVAL: '1s',
      SENTRY_DSN: `http://${SENTRY_KEY}@127.0.0.1:${sentry.port}/${SENTRY_PROJECT}`,
      DD_API_KEY: 'dd-test-key',
      DD_OTLP_ENDPOINT: datadog.url,
      NEW_RELIC_LICENSE_KEY: 'nr-test-key',
      NEW_RELIC_OTLP_ENDPOINT: newRelic.url,
    });
    expect(stack.enabled).toEqual(['jaeger', 'sentry', 'datadog', 'newrelic']);
  }, 120_000);

  afterEach(async () => {
    await ft?.shutdown();
    ft = undefined;
  });

  afterAll(async () => {
    await Promise.allSettled([stack.stop(), sentry.stop(), datadog.stop(), newRelic.stop()]);
  }, 60_000);

  it('routes every span to Jaeger, Datadog and New Relic, and only violations to Sentry', {
    timeout: 90_000,
  }, async () => {
    ft = connect();
    for (let i = 0; i < 3; i++) ft.track('op.fast', () => busy(0.05), { 'case.id': `fast-${i}` });
    for (let i = 0; i < 2; i++) ft.track('op.slow', () => busy(3), { 'case.id': `slow-${i}` });
    // secrets recorded by accident must not leave the collector
    ft.track('op.fast', () => 1, {
      'case.id': 'secrets',
      'user.password': 'hunter2',
      'http.request.header.authorization': 'Bearer sk-live-123',
    });
    await ft.forceFlush();

    // Jaeger: the spans with their ui.* attributes
    const spans = await eventually('spans in Jaeger', async () => {
      const all = (await stack.jaegerTraces({ service, limit: '50' })).flat();
      return all.length >= 6 ? all : undefined;
    });
    const slow = spans.filter((s) => s.operationName === 'op.slow');
    expect(slow).toHaveLength(2);
    for (const s of slow) {
      expect(tag(s, 'ui.operation')).toBe('op.slow');
      expect(tag(s, 'ui.budget.exceeded')).toBe(true);
      expect(tag(s, 'ui.budget.ms')).toBe(1);
      expect(tag(s, 'ui.budget.severity')).toBe('warning');
    }
    const fast = spans.filter((s) => s.operationName === 'op.fast');
    expect(fast.map((s) => tag(s, 'ui.budget.exceeded'))).toEqual([false, false, false, false]);
    const secrets = fast.find((s) => tag(s, 'case.id') === 'secrets')!;
    expect(tag(secrets, 'user.password')).toBeUndefined();
    expect(tag(secrets, 'http.request.header.authorization')).toBeUndefined();

    // Sentry: the violations, with the DSN's key, and nothing else
    const sentryTraces = /^\/api\/42\/integration\/otlp\/v1\/traces$/;
    await eventually(
      'violations at the Sentry intake',
      () => sentry.received(sentryTraces, 'slow-0') && sentry.received(sentryTraces, 'slow-1'),
    );
    await eventually('violation log records at the Sentry intake', () =>
      sentry.received(/\/v1\/logs$/, 'ui.budget.violation'),
    );
    for (const r of sentry.requests) expect(r.headers['x-sentry-auth']).toBe(`sentry sentry_key=${SENTRY_KEY}`);
    expect(sentry.distinct(sentryTraces, /fast-\d|secrets/g)).toEqual(new Set());
    expect(sentry.to(/metrics/)).toEqual([]);

    // Datadog: traces and metrics with DD-API-KEY, naming the operations
    await eventually(
      'traces at the Datadog intake',
      () => datadog.received(/^\/v1\/traces$/, 'op.slow') && datadog.received(/^\/v1\/traces$/, 'op.fast'),
    );
    await eventually(
      'span metrics at the Datadog intake',
      () =>
        datadog.received(/^\/v1\/metrics$/, 'ui.spanmetrics.duration') &&
        datadog.received(/^\/v1\/metrics$/, 'op.slow'),
      30_000,
    );
    for (const r of datadog.requests) expect(r.headers['dd-api-key']).toBe('dd-test-key');

    // New Relic: OTLP with the api-key header
    await eventually('traces at the New Relic intake', () => newRelic.received(/^\/v1\/traces$/, 'slow-1'));
    await eventually(
      'metrics at the New Relic intake',
      () => newRelic.received(/^\/v1\/metrics$/, 'ui.operation.duration'),
      30_000,
    );
    for (const r of newRelic.requests) expect(r.headers['api-key']).toBe('nr-test-key');

    // nothing anywhere carries the secrets
    for (const intake of [sentry, datadog, newRelic] as RecordingIntake[]) {
      expect(
        intake.requests.some((r) => r.body.includes('hunter2') || r.body.includes('sk-live-123')),
        intake.name,
      ).toBe(false);
    }
  });

  it('loses nothing when New Relic is down across a collector restart', { timeout: 150_000 }, async () => {
    await newRelic.stop();
    const nrPort = newRelic.port;
    ft = connect();
    const N = 12;
    for (let i = 0; i < N; i++) ft.track('op.slow', () => busy(2), { 'case.id': `lost-${String(i).padStart(2, '0')}` });
    await ft.forceFlush();
    // Jaeger got them at once; New Relic's copies wait in the persistent queue.
    await eventually(
      'the batch to reach Jaeger',
      async () => (await stack.jaegerTraces({ service, tags: '{"case.id":"lost-11"}' })).length > 0,
    );
    await stack.stopCollector();
    await startCollector();
    await newRelic.start(nrPort);
    const arrived = await eventually(
      `all ${N} violations at New Relic`,
      () => {
        const ids = newRelic.distinct(/^\/v1\/traces$/, /lost-\d\d/g);
        return ids.size === N ? ids : undefined;
      },
      120_000,
    );
    expect([...arrived].sort()).toEqual(Array.from({ length: N }, (_, i) => `lost-${String(i).padStart(2, '0')}`));
  });

  it('loses no acknowledged violation when the collector is killed (-9) while New Relic is down', {
    timeout: 150_000,
  }, async () => {
    // A 10 s batching window: a batch processor in front of the exporters held everything sent
    // in it in memory, so a kill -9 lost what the browser had already been answered 200 for.
    // Batching now happens inside the exporters' persistent queues, after the data is on disk.
    await stack.stopCollector();
    await newRelic.stop();
    const nrPort = newRelic.port;
    await startCollector({ FRAMETEL_BATCH_TIMEOUT: '10s' });
    ft = connect();
    const N = 30;
    const ids = Array.from({ length: N }, (_, i) => `kill-${String(i).padStart(2, '0')}`);
    // ui.component.name is a subject attribute: it names the violation in its log record's body.
    for (const id of ids) ft.track('op.slow', () => busy(2), { 'case.id': id, 'ui.component.name': id });
    await ft.forceFlush();
    await stack.crashCollector();
    await startCollector();
    await newRelic.start(nrPort);
    const records = () =>
      newRelic.to(/^\/v1\/logs$/).flatMap((r) => [...r.body.toString('latin1').matchAll(/op\.slow (kill-\d\d) took/g)]);
    await eventually(
      `all ${N} violation records and spans at New Relic`,
      () =>
        new Set(records().map((m) => m[1])).size === N && newRelic.distinct(/^\/v1\/traces$/, /kill-\d\d/g).size === N,
      120_000,
    );
    // Each exactly once: New Relic was down until after the crash, so no batch had been
    // delivered before it and the restarted queue has nothing to send twice.
    expect(
      records()
        .map((m) => m[1])
        .sort(),
    ).toEqual(ids);
  });
});
