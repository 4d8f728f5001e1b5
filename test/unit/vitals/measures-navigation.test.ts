// @vitest-environment happy-dom
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { FrametelConfigError } from '../../../src/config/errors.js';
import { register, type BudgetViolation, type Frametel } from '../../../src/index.js';
import { WebVitalsInstrumentation } from '../../../src/instrumentations/vitals/index.js';
import { MeasureInstrumentation } from '../../../src/instrumentations/vitals/measures/index.js';
import { NavigationInstrumentation } from '../../../src/instrumentations/vitals/navigation/index.js';

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
  performance.clearMeasures();
});

function setup(instrumentation: MeasureInstrumentation, budgets: Record<string, number> = {}) {
  const spans = new InMemorySpanExporter();
  ft = register({
    serviceName: 'measures-test',
    endpoint: false,
    budgets,
    instrumentations: [instrumentation],
    exporters: { traces: [spans] },
  });
  const violations: BudgetViolation[] = [];
  ft.on('budgetViolation', (v) => violations.push(v));
  return { spans, violations };
}

const observed = () => new Promise((r) => setTimeout(r, 20)); // PerformanceObserver delivers in a task

describe('MeasureInstrumentation', () => {
  it('a matching performance.measure() becomes span "measure {name}" with the entry timing; others do not', async () => {
    const { spans } = setup(new MeasureInstrumentation({ measures: ['hydrate'] }));
    performance.mark('a');
    performance.measure('hydrate', { start: performance.now() - 120, duration: 120 });
    performance.measure('other', { start: performance.now() - 5, duration: 5 });
    await observed();
    await ft!.forceFlush();
    const finished = spans.getFinishedSpans();
    expect(finished.map((s) => s.name)).toEqual(['measure hydrate']);
    const [span] = finished;
    expect(span!.attributes).toMatchObject({ 'ui.operation': 'measure', 'ui.measure.name': 'hydrate' });
    expect(span!.parentSpanContext).toBeUndefined();
    const ms = span!.duration[0] * 1000 + span!.duration[1] / 1e6;
    expect(ms).toBeCloseTo(120, 0);
  });

  it('measure:<name> budgets apply (subject = the name); a RegExp with g flag matches every time', async () => {
    const { violations } = setup(new MeasureInstrumentation({ measures: /^load:/g }), {
      measure: 10,
      'measure:load:grid': 50,
    });
    for (const [name, ms] of [
      ['load:grid', 80],
      ['load:grid', 90],
      ['load:chart', 80],
      ['unrelated', 20],
    ] as const) {
      performance.measure(name, { start: performance.now() - ms, duration: ms });
    }
    await observed();
    await ft!.forceFlush();
    // load:chart falls back to the `measure` budget (10 ms); `unrelated` is not traced at all.
    // (The observer delivers entries by start time, not in the order they were made.)
    const got = violations.map((v) => [v.operation, v.subject, v.budget, Math.round(v.actual)]);
    expect(got.sort((a, b) => String(a).localeCompare(String(b)))).toEqual([
      ['measure', 'load:chart', 10, 80],
      ['measure', 'load:grid', 50, 80],
      ['measure', 'load:grid', 50, 90],
    ]);
    expect(ft!.stats.get('measure')?.count).toBe(3);
  });

  it('measures made before enable are traced once (buffered), not again after disable/enable', async () => {
    performance.measure('early', { start: performance.now() - 10, duration: 10 });
    const inst = new MeasureInstrumentation({ measures: ['early'] });
    const { spans } = setup(inst);
    await observed();
    inst.disable();
    inst.enable();
    await observed();
    await ft!.forceFlush();
    expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(['measure early']);
  });

  it('default (no measures option): observes nothing', async () => {
    const { spans } = setup(new MeasureInstrumentation());
    performance.measure('x', { start: 0, duration: 1 });
    await observed();
    await ft!.forceFlush();
    expect(spans.getFinishedSpans()).toHaveLength(0);
  });

  it('validates measures with FrametelConfigError naming the option', () => {
    expect(() => new MeasureInstrumentation({ measures: 'hydrate' as unknown as string[] })).toThrow(
      FrametelConfigError,
    );
    expect(() => new MeasureInstrumentation({ measures: 'hydrate' as unknown as string[] })).toThrow(
      'MeasureInstrumentation.measures: expected an array of measure names or a RegExp, got "hydrate"',
    );
    expect(() => new MeasureInstrumentation({ measures: ['a', ''] })).toThrow(
      '.measures[1]: expected a non-empty string',
    );
    expect(() => new MeasureInstrumentation({ measure: ['a'] } as never)).toThrow(/did you mean measures/);
  });
});

describe('NavigationInstrumentation (instrumentation-document-load + ui.operation = navigation)', () => {
  it('validates its options; the user hook still runs after frametel sets ui.operation', () => {
    expect(() => new NavigationInstrumentation({ ignoreNetworkEvents: 'yes' } as never)).toThrow(
      'NavigationInstrumentation.ignoreNetworkEvents: expected true or false, got "yes"',
    );
    expect(() => new NavigationInstrumentation({ applyCustomAttributesOnSpan: { documentLoad: 5 } } as never)).toThrow(
      '.applyCustomAttributesOnSpan.documentLoad: expected a function, got 5',
    );
    const seen: unknown[] = [];
    const inst = new NavigationInstrumentation({
      enabled: false,
      applyCustomAttributesOnSpan: {
        documentLoad: (span) => seen.push((span as unknown as { attributes: object }).attributes),
      },
    });
    const attrs: Record<string, unknown> = {};
    inst.getConfig().applyCustomAttributesOnSpan!.documentLoad!({
      setAttribute: (k: string, v: unknown) => {
        attrs[k] = v;
      },
      attributes: attrs,
    } as never);
    expect(attrs).toEqual({ 'ui.operation': 'navigation' });
    expect(seen).toEqual([{ 'ui.operation': 'navigation' }]);
  });
});

describe('setConfig() validates like the constructor', () => {
  it('rejects bad options and keeps the current ones; a new measures list applies; navigation keeps its operation', async () => {
    const vitals = new WebVitalsInstrumentation({ enabled: false });
    expect(() => vitals.setConfig({ metrics: ['LCP', 'XYZ' as 'LCP'] })).toThrow(
      "WebVitalsInstrumentation.metrics[1]: expected one of 'LCP', 'INP', 'CLS', 'FCP', 'TTFB', got \"XYZ\"",
    );
    const measures = new MeasureInstrumentation({ measures: ['a'] });
    expect(() => measures.setConfig({ measures: 5 as never })).toThrow('MeasureInstrumentation.measures: expected');
    expect(measures.getConfig().measures).toEqual(['a']);
    const { spans } = setup(measures);
    measures.setConfig({ measures: ['b'] });
    performance.measure('a', { start: performance.now() - 2, duration: 2 });
    performance.measure('b', { start: performance.now() - 2, duration: 2 });
    await observed();
    await ft!.forceFlush();
    expect(spans.getFinishedSpans().map((x) => x.name)).toEqual(['measure b']);
    const nav = new NavigationInstrumentation({ enabled: false });
    nav.setConfig({ ignoreNetworkEvents: true });
    const attrs: Record<string, unknown> = {};
    nav.getConfig().applyCustomAttributesOnSpan!.documentLoad!({
      setAttribute: (k: string, v: unknown) => {
        attrs[k] = v;
      },
    } as never);
    expect(attrs).toEqual({ 'ui.operation': 'navigation' });
    expect(() => nav.setConfig({ ignoreNetworkEvents: 1 } as never)).toThrow(
      'NavigationInstrumentation.ignoreNetworkEvents',
    );
  });
});
