// @vitest-environment happy-dom
import { TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { InMemoryLogRecordExporter, type LoggerProvider as SdkLoggerProvider } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InMemoryMetricExporter } from '@opentelemetry/sdk-metrics';
import type { MetricWithAttribution } from 'web-vitals/attribution';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register, type BudgetViolation, type Frametel } from '../../../src/index.js';
import {
  forgetInteractions,
  inpCandidate,
  listenInpCandidates,
  rememberInteraction,
} from '../../../src/instrumentations/vitals/interaction-registry.js';
import { WebVitalsInstrumentation } from '../../../src/instrumentations/vitals/web-vitals/instrumentation.js';
import { FrametelConfigError } from '../../../src/config/errors.js';

// The web-vitals callbacks, driven by the test: the library's metric definitions are its own
// (tested upstream and in the Chromium e2e); here we test what frametel does with a report.
type Callback = (m: MetricWithAttribution) => void;
// Each subscription's callback, tagged with its reportAllChanges option.
type Subscribed = ((m: unknown) => void) & { allChanges?: boolean };
const callbacks = vi.hoisted(() => new Map<string, Array<Subscribed>>());
vi.mock('web-vitals/attribution', () => {
  const on = (name: string) => (cb: Subscribed, opts?: { reportAllChanges?: boolean }) => {
    const list = callbacks.get(name) ?? [];
    list.push(Object.assign((m: unknown) => cb(m), { allChanges: opts?.reportAllChanges === true }));
    callbacks.set(name, list);
  };
  return { onLCP: on('LCP'), onINP: on('INP'), onCLS: on('CLS'), onFCP: on('FCP'), onTTFB: on('TTFB') };
});
/**
 * A report of the records' subscriptions (INP: not of the candidates-only one, which follows a
 * subscription without reportAllChanges).
 */
const fire = (metric: Partial<MetricWithAttribution> & { name: string }) => {
  const list = callbacks.get(metric.name) ?? [];
  list.forEach((cb, i) => {
    if (!(cb.allChanges && i > 0 && !list[i - 1]!.allChanges)) (cb as Callback)(metric as MetricWithAttribution);
  });
};
/** A report of the reportAllChanges subscriptions (each change, as it happens). */
const fireChange = (metric: MetricWithAttribution) => {
  for (const cb of callbacks.get(metric.name) ?? []) if (cb.allChanges) (cb as Callback)(metric);
};

const ALL_TYPES = ['largest-contentful-paint', 'event', 'layout-shift', 'paint', 'navigation', 'measure'];
let ft: Frametel | undefined;
let logs: InMemoryLogRecordExporter;
let metrics: InMemoryMetricExporter;

function setup(config: ConstructorParameters<typeof WebVitalsInstrumentation>[0] = {}) {
  logs = new InMemoryLogRecordExporter();
  metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const vitals = new WebVitalsInstrumentation(config);
  ft = register({
    serviceName: 'vitals-test',
    endpoint: false,
    instrumentations: [vitals],
    exporters: { logs: [logs], metrics: [metrics] },
  });
  const violations: BudgetViolation[] = [];
  ft.on('budgetViolation', (v) => violations.push(v));
  return { vitals, violations };
}

/** The handle's LoggerProvider is the SDK's (the handle type says api-logs'). */
const sdkLogs = () => ft!.loggerProvider as unknown as SdkLoggerProvider;
const records = () => logs.getFinishedLogRecords().filter((r) => r.eventName === 'browser.web_vital');

const INTERACTION = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
};

function inp(value: number, interactionTime: number | undefined, extra: Record<string, unknown> = {}) {
  return {
    name: 'INP',
    value,
    delta: value,
    rating: value <= 200 ? 'good' : value <= 500 ? 'needs-improvement' : 'poor',
    id: 'v5-inp-1',
    navigationType: 'navigate',
    entries: [{ startTime: interactionTime ?? 0 }],
    attribution: {
      interactionTarget: 'button#sort.primary',
      interactionType: 'pointer',
      interactionTime,
      inputDelay: 4,
      processingDuration: value - 20,
      presentationDelay: 16,
      loadState: 'complete',
      longestScript: {
        entry: {
          invoker: 'BUTTON#sort.onclick',
          sourceURL: 'http://127.0.0.1/app.js?v=secret',
          sourceCharPosition: 120,
        },
        subpart: 'processing-duration',
        intersectingDuration: 300,
      },
      ...extra,
    },
  } as unknown as MetricWithAttribution;
}

beforeEach(() => {
  callbacks.clear();
  forgetInteractions();
  vi.stubGlobal(
    'PerformanceObserver',
    Object.assign(function PO() {}, { supportedEntryTypes: ALL_TYPES }),
  );
});
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('WebVitalsInstrumentation', () => {
  it('subscribes to the five vitals of the attribution build by default, or only to those asked for', () => {
    setup();
    expect([...callbacks.keys()].sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']);
    callbacks.clear();
    new WebVitalsInstrumentation({ metrics: ['LCP', 'CLS'] });
    expect([...callbacks.keys()].sort()).toEqual(['CLS', 'LCP']);
  });

  it('an INP report becomes a browser.web_vital record in the trace of the INP interaction span', async () => {
    setup();
    rememberInteraction({
      startTime: 900,
      spanContext: { ...INTERACTION, spanId: 'aaaaaaaaaaaaaaaa' },
      type: 'click',
      target: 'a',
    });
    rememberInteraction({ startTime: 1234.5, spanContext: INTERACTION, type: 'click', target: 'button#sort' });
    fire(inp(480, 1234));
    await ft!.forceFlush();
    const [record] = records();
    expect(record!.severityNumber).toBe(SeverityNumber.INFO);
    expect(record!.spanContext).toMatchObject({ traceId: INTERACTION.traceId, spanId: INTERACTION.spanId });
    expect(record!.attributes).toEqual({
      'browser.web_vital.name': 'inp',
      'browser.web_vital.value': 480,
      'browser.web_vital.rating': 'needs-improvement',
      'browser.web_vital.delta': 480,
      'browser.web_vital.id': 'v5-inp-1',
      'browser.web_vital.navigation_type': 'navigate',
      'ui.web_vital.target': 'button#sort.primary',
      'ui.web_vital.interaction_type': 'pointer',
      'ui.web_vital.load_state': 'complete',
      'ui.web_vital.input_delay_ms': 4,
      'ui.web_vital.processing_ms': 460,
      'ui.web_vital.presentation_delay_ms': 16,
      'ui.web_vital.longest_script': 'BUTTON#sort.onclick (http://127.0.0.1/app.js:120)',
      'ui.budget.ms': 200,
      'ui.budget.exceeded': true,
    });
  });

  it('INP over budget: the violation (record, listener) is in the interaction trace too', async () => {
    const { violations } = setup();
    rememberInteraction({ startTime: 500, spanContext: INTERACTION, type: 'keydown', target: 'input#q' });
    fire(inp(480, 503)); // within the 8 ms Event Timing rounding
    await ft!.forceFlush();
    expect(violations).toEqual([
      expect.objectContaining({ operation: 'web_vital.inp', actual: 480, budget: 200, traceId: INTERACTION.traceId }),
    ]);
    const violation = logs.getFinishedLogRecords().find((r) => r.eventName === 'ui.budget.violation');
    expect(violation!.spanContext?.spanId).toBe(INTERACTION.spanId);
  });

  it('interactions remembered out of order: the INP record goes to the one closest to its interaction time', async () => {
    setup();
    const later = { ...INTERACTION, spanId: '1111111111111111' };
    const closest = { ...INTERACTION, spanId: '2222222222222222' };
    rememberInteraction({ startTime: 1240, spanContext: later, type: 'click', target: 'b' });
    rememberInteraction({ startTime: 1231, spanContext: closest, type: 'pointerdown', target: 'b' });
    rememberInteraction({ startTime: 1100, spanContext: INTERACTION, type: 'click', target: 'a' });
    fire(inp(300, 1234));
    await ft!.forceFlush();
    expect(records()[0]!.spanContext?.spanId).toBe(closest.spanId);
  });

  it('an INP interaction that was not traced (or forgotten) gives a record without trace, still reported', async () => {
    setup();
    rememberInteraction({ startTime: 100, spanContext: INTERACTION, type: 'click', target: 'x' });
    fire(inp(300, 5000));
    fire(inp(300, undefined, { interactionTime: undefined }));
    await ft!.forceFlush();
    expect(records()).toHaveLength(2);
    for (const r of records()) expect(r.spanContext).toBeUndefined();
  });

  it('a good value raises no violation; its record says within budget', async () => {
    const { violations } = setup();
    fire({
      name: 'LCP',
      value: 1200,
      delta: 1200,
      rating: 'good',
      id: 'lcp-1',
      navigationType: 'navigate',
      entries: [],
      attribution: {
        target: 'img.hero',
        url: 'https://cdn.example/hero.jpg?token=abc',
        timeToFirstByte: 100,
        resourceLoadDelay: 200,
        resourceLoadDuration: 700,
        elementRenderDelay: 200,
      },
    } as unknown as MetricWithAttribution);
    await ft!.forceFlush();
    expect(violations).toEqual([]);
    expect(records()[0]!.attributes).toMatchObject({
      'browser.web_vital.name': 'lcp',
      'ui.web_vital.target': 'img.hero',
      'ui.web_vital.url': 'https://cdn.example/hero.jpg',
      'ui.web_vital.element_render_delay_ms': 200,
      'ui.budget.ms': 2500,
      'ui.budget.exceeded': false,
    });
    expect(JSON.stringify(records()[0]!.attributes)).not.toContain('token');
  });

  it('a metric id raises one violation, however often web-vitals reports it (reportAllChanges, hide/show)', async () => {
    const { violations } = setup({ reportAllChanges: true });
    for (const [value, id] of [
      [0.15, 'cls-a'],
      [0.2, 'cls-a'],
      [0.05, 'cls-a'], // (a value does not shrink in practice; the record still says where it stands)
      [0.3, 'cls-b'],
    ] as const) {
      fire({
        name: 'CLS',
        value,
        delta: value,
        rating: 'poor',
        id,
        navigationType: 'navigate',
        attribution: {},
      } as never);
    }
    await ft!.forceFlush();
    expect(violations.map((v) => v.actual)).toEqual([0.15, 0.3]);
    expect(records().map((r) => r.attributes['ui.budget.exceeded'])).toEqual([true, true, false, true]);
    expect(records().map((r) => r.attributes['ui.budget.limit'])).toEqual([0.1, 0.1, 0.1, 0.1]);
  });

  it('CLS is unitless: budget 0.1 as ui.budget.limit, the violation carries unit 1', async () => {
    const { violations, vitals } = setup();
    fire({
      name: 'CLS',
      value: 0.31,
      delta: 0.31,
      rating: 'poor',
      id: 'cls-1',
      navigationType: 'navigate',
      entries: [],
      attribution: { largestShiftTarget: 'div#banner', largestShiftValue: 0.3, loadState: 'complete' },
    } as unknown as MetricWithAttribution);
    await ft!.forceFlush();
    expect(records()[0]!.attributes).toMatchObject({
      'ui.web_vital.target': 'div#banner',
      'ui.web_vital.largest_shift_value': 0.3,
      'ui.budget.limit': 0.1,
      'ui.budget.exceeded': true,
    });
    expect(records()[0]!.attributes['ui.budget.ms']).toBeUndefined();
    expect(violations).toEqual([expect.objectContaining({ operation: 'web_vital.cls', budget: 0.1, unit: '1' })]);
    expect(vitals.latestVitals()).toEqual([{ name: 'CLS', value: 0.31, rating: 'poor', unit: '1', budget: 0.1 }]);
  });

  it('reports made while the page is hidden are flushed after the task, none lost to a flush in flight', async () => {
    const { vitals } = setup();
    const flush = vi.spyOn(sdkLogs(), 'forceFlush');
    fire(inp(120, 10));
    await new Promise((r) => setTimeout(r, 5));
    expect(flush).not.toHaveBeenCalled(); // visible: the batch timer is enough
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    // A flush already in flight (the batch processor's own hide listener): its concurrent
    // forceFlush calls return at once without exporting what came later.
    const inFlight = sdkLogs().forceFlush();
    fire(inp(150, 10));
    fire({
      name: 'CLS',
      value: 0,
      delta: 0,
      rating: 'good',
      id: 'c',
      navigationType: 'navigate',
      attribution: {},
    } as never);
    expect(flush).toHaveBeenCalledTimes(1); // only ours above: the reports' flush waits for the task to end
    await inFlight;
    // Well before the batch timer (1 s) would have exported them.
    await vi.waitFor(() => expect(records()).toHaveLength(3), { timeout: 500, interval: 5 });
    expect(records().map((r) => r.attributes['browser.web_vital.name'])).toEqual(['inp', 'inp', 'cls']);
    expect(vitals.latestVitals()[0]).toMatchObject({ name: 'INP', value: 150, rating: 'good', budget: 200 });
  });

  it('one histogram value per page view and vital (the first report of an id), in seconds', async () => {
    const { vitals } = setup();
    const base = { name: 'TTFB', rating: 'good', navigationType: 'navigate', entries: [], attribution: {} };
    fire({ ...base, value: 300, delta: 300, id: 'ttfb-1' } as unknown as MetricWithAttribution);
    fire({ ...base, value: 350, delta: 50, id: 'ttfb-1' } as unknown as MetricWithAttribution);
    await ft!.forceFlush();
    expect(vitals.droppedReports).toBe(0);
    expect(records().map((r) => r.attributes['browser.web_vital.delta'])).toEqual([300, 50]);
    const points = metrics
      .getMetrics()
      .flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics))
      .filter((m) => m.descriptor.name === 'ui.web_vital.ttfb');
    expect(points[0]!.descriptor.unit).toBe('s');
    const dp = points.flatMap((m) => m.dataPoints as unknown[]) as Array<{ value: { count: number; sum: number } }>;
    expect(dp.map((d) => [d.value.count, d.value.sum])).toEqual([[1, 0.3]]);
  });

  it('disable() stops the reports (web-vitals cannot unsubscribe), enable() resumes without subscribing twice', async () => {
    const { vitals } = setup();
    vitals.disable();
    fire(inp(100, 1));
    vitals.enable();
    fire(inp(110, 1));
    await ft!.forceFlush();
    expect(records().map((r) => r.attributes['browser.web_vital.value'])).toEqual([110]);
    // One subscription for the records, one for the INP candidates (attribution of interaction spans).
    expect(callbacks.get('INP')!.map((cb) => cb.allChanges)).toEqual([false, true]);
  });

  it('INP candidates (its own reportAllChanges subscription) feed the interaction spans and make no record', async () => {
    setup();
    const seen: unknown[] = [];
    listenInpCandidates((c) => seen.push(c));
    fireChange(inp(480, 1234)); // its entry has no interactionId
    await ft!.forceFlush();
    expect(records()).toEqual([]);
    expect(seen).toEqual([]); // no interactionId in the entry: nothing to attribute
    const m = inp(480, 1234);
    (m.entries as unknown as Array<{ interactionId: number }>)[0]!.interactionId = 9;
    fireChange(m);
    expect(seen).toEqual([
      expect.objectContaining({
        id: 9,
        value: 480,
        attributes: expect.objectContaining({ 'ui.web_vital.target': 'button#sort.primary' }),
      }),
    ]);
    expect(inpCandidate()?.id).toBe(9);
    listenInpCandidates(undefined);
  });

  it("the overlay's INP grows with the candidates before its final report: provisional, with its budget, no record and no violation until the report", async () => {
    const { vitals, violations } = setup();
    expect(vitals.latestVitals()).toEqual([]);
    fireChange(inp(120, 5));
    expect(vitals.latestVitals()).toEqual([
      { name: 'INP', value: 120, rating: 'good', unit: 'ms', budget: 200, provisional: true },
    ]);
    fireChange(inp(480, 6)); // a new longest interaction, over the 200 ms budget
    expect(vitals.latestVitals()[0]).toMatchObject({ value: 480, rating: 'needs-improvement', provisional: true });
    await ft!.forceFlush();
    expect(records()).toEqual([]);
    expect(violations).toEqual([]);
    fire(inp(480, 6)); // the final report, at hide
    await ft!.forceFlush();
    expect(vitals.latestVitals()).toEqual([
      { name: 'INP', value: 480, rating: 'needs-improvement', unit: 'ms', budget: 200 },
    ]);
    expect(violations.map((v) => v.operation)).toEqual(['web_vital.inp']);
    fireChange(inp(300, 7)); // a shorter interaction after the report: the reported INP stays
    expect(vitals.latestVitals()[0]).toMatchObject({ value: 480 });
    expect(vitals.latestVitals()[0]!.provisional).toBeUndefined();
    vitals.disable();
    fireChange(inp(900, 8));
    expect(vitals.latestVitals()[0]).toMatchObject({ value: 480 });
  });

  it('with reportAllChanges the records subscription also feeds the candidates (one INP subscription)', async () => {
    setup({ reportAllChanges: true });
    expect(callbacks.get('INP')).toHaveLength(1);
    const m = inp(300, 10);
    (m.entries as unknown as Array<{ interactionId: number }>)[0]!.interactionId = 4;
    fire(m);
    await ft!.forceFlush();
    expect(records()).toHaveLength(1);
    expect(inpCandidate()).toMatchObject({ id: 4, value: 300 });
  });

  it('a browser without an entry type: that vital is not subscribed, said once through diag', () => {
    vi.stubGlobal(
      'PerformanceObserver',
      Object.assign(function PO() {}, { supportedEntryTypes: ['paint'] }),
    );
    new WebVitalsInstrumentation();
    expect([...callbacks.keys()]).toEqual(['FCP']);
    vi.stubGlobal('PerformanceObserver', undefined);
    callbacks.clear();
    new WebVitalsInstrumentation();
    expect(callbacks.size).toBe(0);
  });

  it('a report frametel cannot handle is dropped and counted, never thrown into web-vitals', () => {
    const { vitals } = setup();
    expect(() => fire({ name: 'INP', attribution: null } as unknown as MetricWithAttribution)).not.toThrow();
    expect(vitals.droppedReports).toBe(1);
    expect(ft!.diagnostics().instrumentations?.['frametel/web-vitals']).toEqual({ droppedReports: 1 });
  });

  it('validates its options with FrametelConfigError naming them', () => {
    expect(() => new WebVitalsInstrumentation({ metrics: ['LCP', 'FID' as 'LCP'] })).toThrow(FrametelConfigError);
    expect(() => new WebVitalsInstrumentation({ metrics: ['LCP', 'FID' as 'LCP'] })).toThrow(
      `WebVitalsInstrumentation.metrics[1]: expected one of 'LCP', 'INP', 'CLS', 'FCP', 'TTFB', got "FID"`,
    );
    expect(() => new WebVitalsInstrumentation({ metrics: 'LCP' as unknown as [] })).toThrow(
      '.metrics: expected an array',
    );
    expect(() => new WebVitalsInstrumentation({ reportAllChanges: 1 as unknown as boolean })).toThrow(
      'WebVitalsInstrumentation.reportAllChanges: expected true or false, got 1',
    );
    expect(() => new WebVitalsInstrumentation({ metric: [] } as never)).toThrow(/did you mean metrics/);
  });
});
