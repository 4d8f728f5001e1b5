import { SeverityNumber } from '@opentelemetry/api-logs';
import { SamplingDecision, type ReadableSpan, type Sampler } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import {
  BudgetSpanProcessor,
  BudgetTable,
  FRAME_BUDGET_MS,
  budgetPreset,
  spanSubject,
} from '../../src/budgets/index.js';
import type { BudgetMap, BudgetViolation } from '../../src/budgets/index.js';
import { FrametelConfigError } from '../../src/index.js';
import { dataPointsOf, plainSdk } from '../support/sdk.js';

function setup(
  budgets: BudgetMap | 'strict' | 'normal' | 'relaxed',
  sampler?: Sampler,
  onViolation?: (v: BudgetViolation) => void,
) {
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
  }, sampler);
  return { ...sdk, seen, processor };
}

const finished = (sdk: { spans: { getFinishedSpans(): ReadableSpan[] } }) => sdk.spans.getFinishedSpans();

describe('BudgetSpanProcessor', () => {
  it('marks a span exactly at its budget as within budget, with no event, log or counter', async () => {
    const sdk = setup({ 'table.sort': 50 });
    sdk.spanOf('table.sort', 50, { 'ui.operation': 'table.sort' });
    const [span] = finished(sdk);
    expect(span!.attributes['ui.budget.ms']).toBe(50);
    expect(span!.attributes['ui.budget.exceeded']).toBe(false);
    expect(span!.attributes['ui.budget.severity']).toBeUndefined();
    expect(span!.events).toHaveLength(0);
    expect(sdk.logRecords.getFinishedLogRecords()).toHaveLength(0);
    expect(sdk.seen).toHaveLength(0);
    expect(dataPointsOf(await sdk.metrics(), 'ui.budget.violations')).toHaveLength(0);
  });

  it('reports a span above its budget on the span, as an event, a log record, the counter and the callback', async () => {
    const sdk = setup({ 'table.sort': { budgetMs: 50, severity: 'error', impact: 'background' } });
    sdk.spanOf('table.sort', 73, { 'ui.operation': 'table.sort', 'ui.table.name': 'Orders' });
    const [span] = finished(sdk);
    expect(span!.attributes).toMatchObject({
      'ui.budget.ms': 50,
      'ui.budget.exceeded': true,
      'ui.budget.severity': 'error',
      'ui.budget.impact': 'background',
    });
    expect(span!.events.map((e) => e.name)).toEqual(['ui.budget.violation']);
    expect(span!.events[0]!.attributes).toEqual({
      'ui.budget.actual_ms': 73,
      'ui.budget.ms': 50,
      'ui.budget.severity': 'error',
      'ui.budget.impact': 'background',
    });

    const [log] = sdk.logRecords.getFinishedLogRecords();
    expect(log!.eventName).toBe('ui.budget.violation');
    expect(log!.severityNumber).toBe(SeverityNumber.ERROR);
    expect(log!.attributes).toMatchObject({
      'ui.operation': 'table.sort',
      'ui.table.name': 'Orders',
      'ui.budget.actual_ms': 73,
      'ui.budget.ms': 50,
      'ui.budget.severity': 'error',
      'ui.budget.impact': 'background',
    });
    // The log record is emitted in the span's trace context.
    expect(log!.spanContext?.traceId).toBe(span!.spanContext().traceId);
    expect(log!.spanContext?.spanId).toBe(span!.spanContext().spanId);

    expect(sdk.seen).toEqual([
      {
        operation: 'table.sort',
        subject: 'Orders',
        actual: 73,
        budget: 50,
        severity: 'error',
        impact: 'background',
        timestamp: 1_700_000_000_073,
        traceId: span!.spanContext().traceId,
        spanId: span!.spanContext().spanId,
      },
    ]);
    const points = dataPointsOf(await sdk.metrics(), 'ui.budget.violations');
    expect(points).toHaveLength(1);
    expect(points[0]!.value).toBe(1);
    expect(points[0]!.attributes).toEqual({ 'ui.operation': 'table.sort', 'ui.budget.severity': 'error' });
  });

  it('maps severities to log severities: warning → WARN, critical → FATAL', () => {
    const sdk = setup({ a: 1, b: { budgetMs: 1, severity: 'critical' } });
    sdk.spanOf('a', 2, { 'ui.operation': 'a' });
    sdk.spanOf('b', 2, { 'ui.operation': 'b' });
    expect(
      sdk.logRecords
        .getFinishedLogRecords()
        .map((l) => [l.attributes['ui.operation'], l.severityNumber, l.severityText]),
    ).toEqual([
      ['a', SeverityNumber.WARN, 'WARN'],
      ['b', SeverityNumber.FATAL, 'FATAL'],
    ]);
  });

  it('uses the most specific key: operation:subject before operation', () => {
    const sdk = setup({ 'component.render': 16, 'component.render:Chart': 40 });
    sdk.spanOf('render Chart', 30, { 'ui.operation': 'component.render', 'ui.component.name': 'Chart' });
    sdk.spanOf('render Cart', 30, { 'ui.operation': 'component.render', 'ui.component.name': 'Cart' });
    const [chart, cart] = finished(sdk);
    expect(chart!.attributes).toMatchObject({ 'ui.budget.ms': 40, 'ui.budget.exceeded': false });
    expect(cart!.attributes).toMatchObject({ 'ui.budget.ms': 16, 'ui.budget.exceeded': true });
    expect(sdk.seen.map((v) => v.subject)).toEqual(['Cart']);
  });

  it('matches subjects from signal and table names too', () => {
    const sdk = setup({ 'signal.update:cart': 0.5, 'table.filter:Orders': 5 });
    sdk.spanOf('signal.update cart', 1, { 'ui.operation': 'signal.update', 'ui.signal.name': 'cart' });
    sdk.spanOf('table.filter', 1, { 'ui.operation': 'table.filter', 'ui.table.name': 'Orders' });
    expect(finished(sdk).map((s) => s.attributes['ui.budget.exceeded'])).toEqual([true, false]);
  });

  it('a disabled entry switches the budget off, and a disabled subject does not fall back to its operation', () => {
    const sdk = setup({
      'table.sort': 50,
      'table.sort:AuditLog': { budgetMs: 50, enabled: false },
      'table.filter': { budgetMs: 1, enabled: false },
    });
    sdk.spanOf('table.sort', 500, { 'ui.operation': 'table.sort', 'ui.table.name': 'AuditLog' });
    sdk.spanOf('table.filter', 500, { 'ui.operation': 'table.filter' });
    sdk.spanOf('table.sort', 500, { 'ui.operation': 'table.sort', 'ui.table.name': 'Orders' });
    const [audit, filter, orders] = finished(sdk);
    expect(audit!.attributes['ui.budget.ms']).toBeUndefined();
    expect(filter!.attributes['ui.budget.exceeded']).toBeUndefined();
    expect(orders!.attributes['ui.budget.exceeded']).toBe(true);
    expect(sdk.seen.map((v) => v.subject)).toEqual(['Orders']);
  });

  it('leaves spans without ui.operation, or without a budget, untouched', () => {
    const sdk = setup({ 'table.sort': 1 });
    sdk.spanOf('GET /api', 500, {});
    sdk.spanOf('checkout', 500, { 'ui.operation': 'checkout' });
    for (const span of finished(sdk))
      expect(Object.keys(span.attributes).filter((k) => k.startsWith('ui.budget'))).toEqual([]);
    expect(sdk.seen).toHaveLength(0);
  });

  it('checks spans that are recorded but sampled out', () => {
    const recordOnly: Sampler = {
      shouldSample: () => ({ decision: SamplingDecision.RECORD }),
      toString: () => 'record-only',
    };
    const sdk = setup({ 'table.sort': 10 }, recordOnly);
    sdk.spanOf('table.sort', 20, { 'ui.operation': 'table.sort' });
    // SimpleSpanProcessor exports only sampled spans: nothing exported…
    expect(finished(sdk)).toHaveLength(0);
    // …but the violation was still found, logged and reported.
    expect(sdk.seen).toHaveLength(1);
    expect(sdk.logRecords.getFinishedLogRecords()).toHaveLength(1);
  });

  it('contains a throwing onViolation callback and counts it', () => {
    const sdk = setup({ 'table.sort': 10 }, undefined, () => {
      throw new Error('listener bug');
    });
    expect(() => sdk.spanOf('table.sort', 20, { 'ui.operation': 'table.sort' })).not.toThrow();
    expect(sdk.processor.callbackErrors).toBe(1);
    // The span was still marked and exported.
    expect(finished(sdk)[0]!.attributes['ui.budget.exceeded']).toBe(true);
  });

  it('falls back to onEnd on an SDK without onEnding: log, counter and callback, no attributes', () => {
    const seen: BudgetViolation[] = [];
    const processor = new BudgetSpanProcessor({ budgets: { 'table.sort': 10 }, onViolation: (v) => seen.push(v) });
    const sdk = plainSdk(() => []);
    // A span ended by an SDK that never calls onEnding: hand its readable form to onEnd only.
    const span = sdk.spanOf('table.sort', 20, { 'ui.operation': 'table.sort' }) as unknown as ReadableSpan;
    processor.onEnd(span);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.actual).toBe(20);
    expect(span.attributes['ui.budget.exceeded']).toBeUndefined();
  });
});

describe('BudgetTable.forSpan', () => {
  it('finds the same budget as resolve(operation, spanSubject(attributes)), looking up the subject only when needed', () => {
    const table = new BudgetTable({
      render: 16,
      'render:Row': 4,
      'render:Off': { budgetMs: 1, enabled: false },
      'table.sort:Orders': 50,
      'signal.update': 2,
    });
    const cases = [
      ['render', { 'ui.component.name': 'Row' }],
      ['render', { 'ui.component.name': 'Cell' }],
      ['render', { 'ui.component.name': 'Off' }],
      ['render', {}],
      ['table.sort', { 'ui.table.name': 'Orders' }],
      ['table.sort', { 'ui.table.name': 'Audit' }],
      ['signal.update', { 'ui.signal.name': 'count' }],
      ['checkout.total', { 'ui.component.name': 'Row' }],
    ] as const;
    for (const [operation, attributes] of cases)
      expect(table.forSpan(operation, attributes)).toBe(table.resolve(operation, spanSubject(attributes)));
    expect(table.forSpan('render', { 'ui.component.name': 'Row' })?.budgetMs).toBe(4);
    expect(table.forSpan('render', { 'ui.component.name': 'Off' })).toBeUndefined();
    expect(table.forSpan('table.sort', { 'ui.table.name': 'Audit' })).toBeUndefined();
    // No subject entries for the operation: the attributes are never read.
    const untouchable = new Proxy({}, { get: () => expect.unreachable('subject read') });
    expect(table.forSpan('signal.update', untouchable)?.budgetMs).toBe(2);
    expect(table.forSpan('checkout.total', untouchable)).toBeUndefined();
  });
});

describe('budget presets', () => {
  it('normal has the product spec values; strict halves and relaxed doubles them', () => {
    const normal = {
      'table.row_model': 16,
      'table.sort': 50,
      'table.filter': 100,
      'table.paginate': 10,
      'table.select': 5,
      'component.render': 16,
      'signal.update': 1,
      fetch: 1000,
      'web_vital.lcp': 2500,
      'web_vital.inp': 200,
      'web_vital.cls': 0.1,
      'web_vital.fcp': 1800,
      'web_vital.ttfb': 800,
      navigation: 3000,
      interaction: 200,
    };
    expect(FRAME_BUDGET_MS).toBe(16);
    expect(budgetPreset('normal')).toEqual(normal);
    expect(budgetPreset('strict')).toEqual(Object.fromEntries(Object.entries(normal).map(([k, v]) => [k, v / 2])));
    expect(budgetPreset('relaxed')).toEqual(Object.fromEntries(Object.entries(normal).map(([k, v]) => [k, v * 2])));
  });

  it('returns a fresh copy each time', () => {
    const a = budgetPreset('normal');
    a['table.sort'] = 1;
    expect(budgetPreset('normal')['table.sort']).toBe(50);
  });

  it('the processor applies a preset by name', () => {
    const sdk = setup('strict');
    sdk.spanOf('table.sort', 30, { 'ui.operation': 'table.sort' });
    expect(finished(sdk)[0]!.attributes).toMatchObject({ 'ui.budget.ms': 25, 'ui.budget.exceeded': true });
  });

  it('rejects an unknown preset name', () => {
    expect(() => budgetPreset('fast' as 'normal')).toThrow(FrametelConfigError);
    expect(() => budgetPreset('fast' as 'normal')).toThrow(
      `budgetPreset(name): expected one of 'strict', 'normal', 'relaxed', got "fast"`,
    );
  });
});
