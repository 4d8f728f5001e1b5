// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountOverlay } from '../../../src/devtools/index.js';
import type { InteractionRow, VitalRow } from '../../../src/devtools/sections/vitals.js';
import { register, type Frametel } from '../../../src/index.js';

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
  document.body.replaceChildren();
});

const shadow = (host: HTMLElement) => host.shadowRoot!;
const headings = (host: HTMLElement) => [...shadow(host).querySelectorAll('h3')].map((h) => h.textContent);
const cells = (host: HTMLElement, table: string) =>
  [...shadow(host).querySelectorAll(`table.${table} tbody tr`)].map((tr) =>
    [...tr.children].map((td) => td.textContent),
  );

/** Fake sources with the shapes of WebVitalsInstrumentation and part A's InteractionInstrumentation. */
function fakeSources() {
  const vitals: VitalRow[] = [];
  const interactions: InteractionRow[] = [];
  const asked: number[] = [];
  return {
    vitals,
    interactions,
    asked,
    instrumentations: [
      { instrumentationName: 'fake-vitals', latestVitals: () => vitals.map((v) => ({ ...v })) },
      {
        instrumentationName: 'fake-interactions',
        slowestInteractions: (n: number) => {
          asked.push(n);
          return interactions.slice(0, n);
        },
      },
    ],
  };
}

function mount(instrumentations: object[], traceUrl?: (id: string) => string) {
  ft = register({
    serviceName: 'overlay-vitals',
    endpoint: false,
    instrumentations: instrumentations.map((i) => ({
      instrumentationVersion: '0',
      enable() {},
      disable() {},
      setTracerProvider() {},
      setMeterProvider() {},
      getConfig: () => ({}),
      setConfig() {},
      ...i,
    })) as never,
  });
  return mountOverlay(ft, { refreshMs: 100, listSize: 3, ...(traceUrl ? { traceUrl } : {}) });
}

describe('overlay: Vitals and Slowest interactions, sources found by shape', () => {
  it('Vitals: INP before its final report reads "so far"', () => {
    const src = fakeSources();
    const overlay = mount(src.instrumentations);
    src.vitals.push({
      name: 'INP',
      value: 216,
      rating: 'needs-improvement',
      unit: 'ms',
      budget: 200,
      provisional: true,
    });
    overlay.toggle(true);
    expect(cells(overlay.host, 'vitals')).toEqual([['INP', '216 ms so far', 'needs-improvement', '200 ms']]);
  });

  it('Vitals: each reported vital with value and unit, rating colour and budget; hidden until one is reported', () => {
    const src = fakeSources();
    const overlay = mount(src.instrumentations);
    expect(headings(overlay.host)).not.toContain('Vitals');
    src.vitals.push(
      { name: 'LCP', value: 1840, rating: 'good', unit: 'ms', budget: 2500 },
      { name: 'INP', value: 480, rating: 'needs-improvement', unit: 'ms', budget: 200 },
      { name: 'CLS', value: 0.184, rating: 'needs-improvement', unit: '1', budget: 0.1 },
      { name: 'TTFB', value: 9.25, rating: 'good', unit: 'ms' },
    );
    overlay.toggle(true);
    expect(headings(overlay.host)).toContain('Vitals');
    expect(cells(overlay.host, 'vitals')).toEqual([
      ['LCP', '1840 ms', 'good', '2500 ms'],
      ['INP', '480 ms', 'needs-improvement', '200 ms'],
      ['CLS', '0.184', 'needs-improvement', '0.100'],
      ['TTFB', '9.3 ms', 'good', '–'],
    ]);
    const rows = [...shadow(overlay.host).querySelectorAll<HTMLTableRowElement>('table.vitals tbody tr')];
    expect(rows.map((r) => r.className)).toEqual(['good', 'needs-improvement', 'needs-improvement', 'good']);
    expect((rows[0]!.children[2] as HTMLElement).style.color).not.toBe('');
    expect((rows[0]!.children[2] as HTMLElement).style.color).not.toBe(
      (rows[1]!.children[2] as HTMLElement).style.color,
    );
    overlay.unmount();
  });

  it('Slowest interactions: type, target, total with its three phases, operations caused, trace id link', () => {
    const src = fakeSources();
    src.interactions.push({
      type: 'click',
      target: 'button#sort.primary',
      durationMs: 480,
      inputDelayMs: 4,
      processingMs: 440,
      presentationDelayMs: 36,
      operations: ['signal.update', 'table.state_change', 'table.sort', 'component.render'],
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
    const overlay = mount(src.instrumentations, (id) => `http://localhost:16686/trace/${id}`);
    expect(cells(overlay.host, 'interactions')).toEqual([
      [
        'click button#sort.primary',
        '480',
        '4.0 · 440 · 36.0',
        'signal.update → table.state_change → table.sort → component.render',
        '4bf92f35',
      ],
    ]);
    const link = shadow(overlay.host).querySelector<HTMLAnchorElement>('table.interactions a')!;
    expect(link.href).toBe('http://localhost:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736');
    expect(link.rel).toBe('noopener noreferrer');
    expect(src.asked.at(-1)).toBe(3); // listSize
    overlay.unmount();
  });

  it('no interactions yet: the section says so; a javascript: trace URL is never a link; app text stays text', () => {
    const src = fakeSources();
    const overlay = mount(src.instrumentations, () => 'javascript:alert(1)');
    expect(shadow(overlay.host).textContent).toContain('Slowest interactions');
    expect(shadow(overlay.host).textContent).toContain('none yet');
    src.interactions.push({
      type: 'click',
      target: '<img src=x onerror=alert(1)>',
      durationMs: 90,
      inputDelayMs: 1,
      processingMs: 80,
      presentationDelayMs: 9,
      operations: [],
      traceId: 'abcdef0123456789abcdef0123456789',
    });
    overlay.toggle(true);
    expect(shadow(overlay.host).querySelector('table.interactions a')).toBeNull();
    expect(shadow(overlay.host).querySelector('img')).toBeNull();
    expect(cells(overlay.host, 'interactions')[0]![0]).toBe('click <img src=x onerror=alert(1)>');
    overlay.unmount();
  });

  it('without such instrumentations neither section appears', () => {
    const overlay = mount([]);
    expect(headings(overlay.host)).toEqual(['Operations', 'Last violations']);
    overlay.unmount();
  });
});
