// @vitest-environment happy-dom
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { MetricWithAttribution } from 'web-vitals/attribution';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register, type Frametel } from '../../../src/index.js';
import { forgetInteractions } from '../../../src/instrumentations/vitals/interaction-registry.js';
import { InteractionInstrumentation } from '../../../src/instrumentations/vitals/interactions/index.js';
import { WebVitalsInstrumentation } from '../../../src/instrumentations/vitals/web-vitals/instrumentation.js';
import { eventEntry, FakePerformanceObserver, nextTask, userEvent } from './fake-performance.js';

// INP attribution on the interaction span: web-vitals (driven by the test) reports INP candidates
// with reportAllChanges; the interaction span that may be the candidate waits for that report.
type Subscribed = ((m: MetricWithAttribution) => void) & { allChanges: boolean };
const inpCallbacks = vi.hoisted(() => [] as Array<Subscribed>);
vi.mock('web-vitals/attribution', () => {
  const none = () => {};
  return {
    onINP: (cb: (m: MetricWithAttribution) => void, opts?: { reportAllChanges?: boolean }) => {
      inpCallbacks.push(Object.assign((m: MetricWithAttribution) => cb(m), { allChanges: !!opts?.reportAllChanges }));
    },
    onLCP: none,
    onCLS: none,
    onFCP: none,
    onTTFB: none,
  };
});
/** web-vitals reports a new INP candidate (a reportAllChanges subscription). */
const reportCandidate = (m: MetricWithAttribution) => {
  for (const cb of inpCallbacks) if (cb.allChanges) cb(m);
};

function inpMetric(value: number, interactionId: number, startTime: number): MetricWithAttribution {
  return {
    name: 'INP',
    value,
    delta: value,
    rating: value <= 200 ? 'good' : value <= 500 ? 'needs-improvement' : 'poor',
    id: 'v6-inp-1',
    navigationType: 'navigate',
    entries: [{ name: 'click', startTime, duration: value, interactionId }],
    attribution: {
      interactionTarget: 'th.col.sortable',
      interactionType: 'pointer',
      interactionTime: startTime,
      inputDelay: 4,
      processingDuration: value - 24,
      presentationDelay: 20,
      loadState: 'complete',
      longestScript: {
        entry: { invoker: 'TH.onclick', sourceURL: 'http://127.0.0.1/app.js?token=x', sourceCharPosition: 42 },
        subpart: 'processing-duration',
        intersectingDuration: value - 30,
      },
    },
  } as unknown as MetricWithAttribution;
}

let ft: Frametel;
let spans: InMemorySpanExporter;
let th: HTMLElement;

function start(withVitals = true): WebVitalsInstrumentation | undefined {
  spans = new InMemorySpanExporter();
  // (constructed only when wanted: its constructor enables it, which subscribes)
  const vitals = withVitals ? new WebVitalsInstrumentation({ metrics: ['INP'] }) : undefined;
  const instrumentations: object[] = [new InteractionInstrumentation()];
  if (vitals) instrumentations.push(vitals);
  ft = register({
    serviceName: 'inp-span',
    endpoint: false,
    exporters: { traces: [spans] },
    instrumentations: instrumentations as never,
  });
  th.addEventListener('click', () => ft.track('grid.sort', () => 1));
  return vitals;
}

async function clicks(): Promise<ReadableSpan[]> {
  await ft.forceFlush();
  return spans.getFinishedSpans().filter((s) => s.name === 'interaction click');
}

/** A slow click on the header whose Event Timing entry (interactionId `id`) arrives after a task. */
async function slowClick(duration: number, id: number): Promise<number> {
  const t0 = performance.now();
  userEvent(th, 'click', t0);
  await nextTask();
  FakePerformanceObserver.deliver(eventEntry('click', t0, duration, { processing: duration - 30, interactionId: id }));
  return t0;
}

const INP_ATTRIBUTES = {
  'browser.web_vital.name': 'inp',
  'browser.web_vital.rating': 'needs-improvement',
  'browser.web_vital.id': 'v6-inp-1',
  'ui.web_vital.target': 'th.col.sortable',
  'ui.web_vital.interaction_type': 'pointer',
  'ui.web_vital.input_delay_ms': 4,
  'ui.web_vital.presentation_delay_ms': 20,
  'ui.web_vital.longest_script': 'TH.onclick (http://127.0.0.1/app.js:42)',
};

beforeEach(() => {
  FakePerformanceObserver.reset();
  vi.stubGlobal('PerformanceObserver', FakePerformanceObserver);
  document.body.innerHTML = '<table><tr><th class="col sortable">Total</th></tr></table>';
  th = document.querySelector('th')!;
  inpCallbacks.length = 0;
  forgetInteractions();
});

afterEach(async () => {
  await ft?.shutdown();
  vi.unstubAllGlobals();
});

describe('INP attribution on the interaction span', () => {
  it('a slow click that may be the INP: its span stays open until web-vitals reports it, then carries the INP attribution', async () => {
    start();
    const t0 = await slowClick(240, 11);
    await nextTask(120); // past the long-animation-frame settle time: held for the INP report
    expect(await clicks()).toEqual([]);
    reportCandidate(inpMetric(240, 11, t0));
    const [click] = await clicks();
    expect(click!.attributes).toMatchObject({
      ...INP_ATTRIBUTES,
      'browser.web_vital.value': 240,
      'ui.web_vital.processing_ms': 216,
      'ui.interaction.id': 11,
      'ui.interaction.timing_source': 'event_timing',
    });
    // Its own timing is still the browser's: start at the event, end at the paint.
    expect(click!.attributes['ui.interaction.processing_ms']).toBeCloseTo(210, 3);
  });

  it('web-vitals reported the candidate before the entry reached frametel: the span ends at once, attributed', async () => {
    start();
    const t0 = performance.now();
    userEvent(th, 'click', t0);
    await nextTask();
    reportCandidate(inpMetric(320, 12, t0));
    FakePerformanceObserver.deliver(eventEntry('click', t0, 320, { processing: 290, interactionId: 12 }));
    await nextTask(120);
    const [click] = await clicks();
    expect(click!.attributes).toMatchObject({
      'browser.web_vital.value': 320,
      'ui.web_vital.target': 'th.col.sortable',
    });
  });

  it('an interaction faster than the current INP does not wait and gets no INP attribution', async () => {
    start();
    const t0 = await slowClick(400, 21);
    reportCandidate(inpMetric(400, 21, t0));
    await nextTask(120);
    await slowClick(120, 22);
    await nextTask(120); // settle only: 120 ms < INP 400 ms cannot become the candidate
    const all = await clicks();
    expect(all.map((s) => s.attributes['ui.interaction.id'])).toEqual([21, 22]);
    expect(all[1]!.attributes['browser.web_vital.name']).toBeUndefined();
    // A report for another interaction attributes nothing here.
    expect(all[0]!.attributes['browser.web_vital.value']).toBe(400);
  });

  it('no report in time (page busy, or INP is p98 past 50 interactions): the span ends after the bounded wait, unattributed', async () => {
    start();
    await slowClick(200, 31);
    await nextTask(120);
    expect(await clicks()).toEqual([]);
    await nextTask(1500); // INP_WAIT_MS (1100) after the settle, and the sweep's slack (250)
    const [click] = await clicks();
    expect(click!.attributes['ui.interaction.id']).toBe(31);
    expect(click!.attributes['browser.web_vital.name']).toBeUndefined();
  });

  it('WebVitalsInstrumentation disabled (its reports are dropped): nothing waits; enabled again: it does', async () => {
    const vitals = start()!;
    vitals.disable();
    await slowClick(240, 51);
    await nextTask(120);
    expect((await clicks()).map((s) => s.attributes['ui.interaction.id'])).toEqual([51]);
    vitals.enable();
    await slowClick(260, 52);
    await nextTask(120);
    expect(await clicks()).toHaveLength(1); // 52 is held for its INP report
  });

  it('without WebVitalsInstrumentation nothing waits: the span ends at the settle time', async () => {
    start(false);
    await slowClick(240, 41);
    await nextTask(120);
    const [click] = await clicks();
    expect(click!.attributes['ui.interaction.id']).toBe(41);
    expect(click!.attributes['browser.web_vital.name']).toBeUndefined();
  });
});
