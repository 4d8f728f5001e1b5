import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BudgetSpanProcessor,
  checkMeasurement,
  setMeasurementChecker,
  type BudgetMap,
  type BudgetViolation,
} from '../../../src/budgets/index.js';
import { consoleAlerts, register } from '../../../src/index.js';
import { dataPointsOf, plainSdk } from '../../support/sdk.js';

function setup(budgets: BudgetMap | 'strict' | 'normal' | 'relaxed' = 'normal', onViolation?: () => void) {
  const seen: BudgetViolation[] = [];
  let processor!: BudgetSpanProcessor;
  const sdk = plainSdk(({ meterProvider, loggerProvider }) => {
    processor = new BudgetSpanProcessor({
      budgets,
      meterProvider,
      loggerProvider,
      onViolation: onViolation ?? ((v) => seen.push(v)),
    });
    return [processor];
  });
  return { ...sdk, seen, processor };
}

const interaction = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
};

describe('BudgetSpanProcessor.checkMeasurement (budgets on values that are not spans)', () => {
  afterEach(() => setMeasurementChecker(undefined));

  it('a value over its budget raises the counter, a log record in the given trace and the callback', async () => {
    const sdk = setup('normal');
    const ctx = trace.setSpanContext(ROOT_CONTEXT, interaction);
    expect(sdk.processor.checkMeasurement('web_vital.inp', undefined, 480, ctx)).toEqual({
      budget: 200,
      exceeded: true,
    });
    const [record] = sdk.logRecords.getFinishedLogRecords();
    expect(record!.eventName).toBe('ui.budget.violation');
    expect(record!.severityNumber).toBe(SeverityNumber.WARN);
    expect(record!.spanContext).toMatchObject({ traceId: interaction.traceId, spanId: interaction.spanId });
    expect(record!.attributes).toEqual({
      'ui.operation': 'web_vital.inp',
      'ui.budget.actual_ms': 480,
      'ui.budget.ms': 200,
      'ui.budget.severity': 'warning',
      'ui.budget.impact': 'userVisible',
    });
    expect(record!.body).toBe('web_vital.inp took 480.00 ms, budget 200 ms');
    expect(sdk.seen).toEqual([
      expect.objectContaining({
        operation: 'web_vital.inp',
        actual: 480,
        budget: 200,
        traceId: interaction.traceId,
        spanId: interaction.spanId,
      }),
    ]);
    expect(sdk.seen[0]!.unit).toBeUndefined();
    const points = dataPointsOf(await sdk.metrics(), 'ui.budget.violations');
    expect(points.map((p) => [p.attributes['ui.operation'], p.value])).toEqual([['web_vital.inp', 1]]);
  });

  it('a good value (and one exactly at the budget) raises nothing', async () => {
    const sdk = setup('normal');
    expect(sdk.processor.checkMeasurement('web_vital.lcp', undefined, 1200)).toEqual({
      budget: 2500,
      exceeded: false,
    });
    expect(sdk.processor.checkMeasurement('web_vital.lcp', undefined, 2500)?.exceeded).toBe(false);
    expect(sdk.logRecords.getFinishedLogRecords()).toHaveLength(0);
    expect(sdk.seen).toHaveLength(0);
    expect(dataPointsOf(await sdk.metrics(), 'ui.budget.violations')).toHaveLength(0);
  });

  it('CLS is unitless: 0.1 budget, ui.budget.actual/limit instead of the _ms attributes, unit 1 on the violation', () => {
    const sdk = setup('normal');
    expect(sdk.processor.checkMeasurement('web_vital.cls', undefined, 0.25, undefined, '1')?.exceeded).toBe(true);
    const [record] = sdk.logRecords.getFinishedLogRecords();
    expect(record!.attributes).toMatchObject({ 'ui.budget.actual': 0.25, 'ui.budget.limit': 0.1 });
    expect(record!.attributes['ui.budget.ms']).toBeUndefined();
    expect(record!.body).toBe('web_vital.cls was 0.25, budget 0.1');
    // No context: no trace, and the violation says so with empty ids.
    expect(record!.spanContext).toBeUndefined();
    expect(sdk.seen[0]).toMatchObject({ operation: 'web_vital.cls', actual: 0.25, budget: 0.1, unit: '1' });
    expect(sdk.seen[0]!.traceId).toBe('');
  });

  it('presets: strict halves, relaxed doubles; operation:subject keys apply to measurements too', () => {
    expect(setup('strict').processor.checkMeasurement('web_vital.cls', undefined, 0.06, undefined, '1')).toEqual({
      budget: 0.05,
      exceeded: true,
    });
    expect(setup('relaxed').processor.checkMeasurement('web_vital.inp', undefined, 350)).toEqual({
      budget: 400,
      exceeded: false,
    });
    const sdk = setup({ measure: 100, 'measure:hydrate': 400 });
    expect(sdk.processor.checkMeasurement('measure', 'hydrate', 300)?.exceeded).toBe(false);
    expect(sdk.processor.checkMeasurement('measure', 'other', 300)?.exceeded).toBe(true);
  });

  it('no budget, a non-finite value or no registered handle: undefined and nothing raised', () => {
    const sdk = setup({ 'table.sort': 50 });
    expect(sdk.processor.checkMeasurement('web_vital.lcp', undefined, 99_999)).toBeUndefined();
    expect(sdk.processor.checkMeasurement('table.sort', undefined, Number.NaN)).toBeUndefined();
    expect(checkMeasurement('table.sort', undefined, 99)).toBeUndefined();
    expect(sdk.seen).toHaveLength(0);
  });

  it('a throwing listener is contained and counted, never reaching the caller', () => {
    const sdk = setup('normal', () => {
      throw new Error('app listener');
    });
    expect(() => sdk.processor.checkMeasurement('web_vital.ttfb', undefined, 900)).not.toThrow();
    expect(sdk.processor.callbackErrors).toBe(1);
  });

  it("register() makes checkMeasurement reach ft.on('budgetViolation'); shutdown() unregisters it", async () => {
    const ft = register({ serviceName: 'measurement-test', endpoint: false });
    const seen: BudgetViolation[] = [];
    ft.on('budgetViolation', (v) => seen.push(v));
    expect(checkMeasurement('web_vital.lcp', undefined, 4000)).toEqual({ budget: 2500, exceeded: true });
    expect(checkMeasurement('navigation', undefined, 1000)).toEqual({ budget: 3000, exceeded: false });
    await ft.forceFlush();
    expect(seen.map((v) => [v.operation, v.actual, v.budget])).toEqual([['web_vital.lcp', 4000, 2500]]);
    await ft.shutdown();
    expect(checkMeasurement('web_vital.lcp', undefined, 4000)).toBeUndefined();
  });

  it('console alerts word a unitless violation as a score, and say when it has no trace', async () => {
    const warn = vi.fn();
    const ft = register({
      serviceName: 'measurement-alerts',
      endpoint: false,
      alerts: { destinations: [consoleAlerts({ console: { warn, error: vi.fn() } })] },
    });
    checkMeasurement('web_vital.cls', undefined, 0.25, undefined, '1');
    checkMeasurement('web_vital.lcp', undefined, 3000);
    await ft.forceFlush();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '[frametel] warning: web_vital.cls was 0.250, budget 0.1; trace none',
      '[frametel] warning: web_vital.lcp took 3000.0 ms, budget 2500 ms; trace none',
    ]);
    await ft.shutdown();
  });
});
