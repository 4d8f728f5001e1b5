// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthScore, mountOverlay } from '../../../src/devtools/index.js';
import { register, type Frametel } from '../../../src/index.js';
import type { ComponentRenderStats } from '../../../src/instrumentations/react/types.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
  document.body.replaceChildren();
  vi.useRealTimers();
});

const shadow = (host: HTMLElement) => host.shadowRoot!;
const text = (host: HTMLElement) => shadow(host).textContent ?? '';
const headings = (host: HTMLElement) => [...shadow(host).querySelectorAll('h3')].map((h) => h.textContent);
const component = (name: string, avgMs: number, rerenders: number): ComponentRenderStats => ({
  name,
  renders: rerenders + 1,
  mounts: 1,
  rerenders,
  totalMs: avgMs * (rerenders + 1),
  maxMs: avgMs * 2,
  avgMs,
  lastMs: avgMs,
});

describe('mountOverlay', () => {
  it('shows health, the operation table and violations with trace ids, from the handle alone', async () => {
    ft = register({ serviceName: 'overlay', endpoint: false, budgets: { 'table.sort': 1, 'cart.total': 1000 } });
    const overlay = mountOverlay(ft, { refreshMs: 100 });
    ft.track('table.sort', () => busy(3));
    ft.track('cart.total', () => 1);
    await ft.forceFlush();
    overlay.toggle(true);
    const t = text(overlay.host);
    expect(t).toContain('frametel');
    expect(shadow(overlay.host).querySelector('.score')!.textContent).toMatch(/^\d+$/);
    expect(t).toContain('cart.total');
    const violation = [...shadow(overlay.host).querySelectorAll('table.violations tbody tr')].map((tr) =>
      [...tr.children].map((td) => td.textContent),
    );
    expect(violation).toHaveLength(1);
    expect(violation[0]).toEqual([
      'table.sort',
      expect.stringMatching(/^[\d.]+$/),
      '1',
      expect.stringMatching(/^[0-9a-f]{32}$/),
    ]);
    expect(shadow(overlay.host).querySelector('table.violations tbody tr')!.className).toBe('warning');
    const rows = [...shadow(overlay.host).querySelectorAll('table.ops tbody tr')].map((r) =>
      [...r.children].map((td) => td.textContent),
    );
    expect(rows.map((r) => r[0])).toEqual(['table.sort', 'cart.total']); // sorted by p95, descending
    expect(rows[0]).toEqual([
      'table.sort',
      '1',
      expect.any(String),
      expect.any(String),
      expect.any(String),
      expect.any(String),
      '1',
      '1',
    ]);
    expect(rows[1]!.slice(-2)).toEqual(['1000', '0']);
    expect(shadow(overlay.host).querySelector('tr.bad td')!.textContent).toBe('table.sort');
    expect(shadow(overlay.host).querySelectorAll('td.over').length).toBeGreaterThan(0); // p95/max above budget
    // Without component, signal or network sources those sections are not shown.
    expect(headings(overlay.host)).toEqual(['Operations', 'Last violations']);
    overlay.unmount();
    expect(document.querySelector('[data-frametel-overlay]')).toBeNull();
  });

  it('sorts by a column when its header is clicked, toggling direction', async () => {
    ft = register({ serviceName: 'overlay', endpoint: false });
    ft.track('b.op', () => 1);
    ft.track('a.op', () => 1);
    ft.track('a.op', () => 1);
    const overlay = mountOverlay(ft);
    const headers = () => [...shadow(overlay.host).querySelectorAll('th')];
    const first = () => shadow(overlay.host).querySelector('tbody tr td')!.textContent;
    headers()
      .find((h) => h.textContent!.startsWith('count'))!
      .dispatchEvent(new MouseEvent('click'));
    expect(first()).toBe('a.op');
    expect(
      headers()
        .find((h) => h.textContent!.startsWith('count'))!
        .getAttribute('aria-sort'),
    ).toBe('descending');
    headers()
      .find((h) => h.textContent!.startsWith('count'))!
      .dispatchEvent(new MouseEvent('click'));
    expect(first()).toBe('b.op');
    headers()
      .find((h) => h.textContent!.startsWith('operation'))!
      .dispatchEvent(new MouseEvent('click'));
    expect(first()).toBe('a.op'); // names ascending first
    overlay.unmount();
  });

  it('renders app-provided names inert: a component named <img src=x onerror=alert(1)> is text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    ft = register({ serviceName: 'overlay', endpoint: false, budgets: { [evil]: 0.0001 } });
    const overlay = mountOverlay(ft, {
      components: { slowestComponents: () => [component(evil, 40, 2)], topRerenders: () => [component(evil, 40, 2)] },
      signals: { topSignals: () => [{ name: '<script>alert(2)</script>', updates: 3 }] },
      network: {
        recentRequests: () => [{ method: 'GET', url: '/api?q=<svg onload=alert(3)>', status: 200, durationMs: 12 }],
      },
      traceUrl: () => 'javascript:alert(4)',
    });
    ft.track(evil, () => busy(0.1));
    await ft.forceFlush(); // delivers the violation to the overlay's listener
    overlay.toggle(true);
    const root = shadow(overlay.host);
    for (const tag of ['img', 'script', 'svg', 'a']) expect(root.querySelector(tag)).toBeNull();
    const t = text(overlay.host);
    expect(t).toContain(`${evil}: avg 40.0 ms, max 80.0 ms`);
    expect(t).toContain(`${evil}: 2 re-renders`);
    expect(t).toContain('<script>alert(2)</script>: 3 writes');
    expect(t).toContain('GET /api?q=<svg onload=alert(3)> → 200 in 12.0 ms');
    expect(root.querySelector('table.violations tbody td')!.textContent).toBe(evil);
    overlay.unmount();
  });

  it('shows the component, signal and request sections only when a source is there', () => {
    ft = register({ serviceName: 'overlay', endpoint: false });
    const slowest: ComponentRenderStats[] = [];
    const overlay = mountOverlay(ft, {
      components: { slowestComponents: () => slowest, topRerenders: () => slowest },
      network: {
        recentRequests: () => [{ method: 'GET', url: `${location.origin}/api/summary.json`, status: 0, durationMs: 3 }],
      },
    });
    expect(headings(overlay.host)).toEqual([
      'Operations',
      'Last violations',
      'Slowest components',
      'Top re-renders',
      'Recent requests',
    ]);
    expect(text(overlay.host)).toContain('no commits yet');
    expect(text(overlay.host)).toContain('GET /api/summary.json → failed in 3.00 ms');
    slowest.push(component('Grid', 20, 3), component('Row', 1, 0));
    overlay.toggle(true);
    expect(text(overlay.host)).toContain('Grid: avg 20.0 ms, max 40.0 ms');
    expect(text(overlay.host)).toContain('Grid: 3 re-renders');
    expect(text(overlay.host)).toContain('GET /api/summary.json → failed'); // same-origin: the path only
    expect(text(overlay.host)).not.toContain('Row: 0 re-renders'); // never re-rendered: not a top re-renderer
    overlay.unmount();
  });

  it('links trace ids only to http(s) URLs from traceUrl', async () => {
    ft = register({ serviceName: 'overlay', endpoint: false, budgets: { slow: 0.0001 } });
    const overlay = mountOverlay(ft, { traceUrl: (id) => `http://localhost:16686/trace/${id}` });
    ft.track('slow', () => busy(0.2));
    await ft.forceFlush();
    overlay.toggle(true);
    const a = shadow(overlay.host).querySelector('td.trace a') as HTMLAnchorElement;
    expect(a.href).toMatch(/^http:\/\/localhost:16686\/trace\/[0-9a-f]{32}$/);
    expect(a.rel).toBe('noopener noreferrer');
    overlay.unmount();
  });

  it('repaints only when what it shows changed, so text stays selectable', async () => {
    vi.useFakeTimers();
    ft = register({ serviceName: 'overlay', endpoint: false });
    ft.track('a.op', () => 1);
    const overlay = mountOverlay(ft, { refreshMs: 100 });
    const table = shadow(overlay.host).querySelector('table.ops');
    vi.advanceTimersByTime(1000);
    expect(shadow(overlay.host).querySelector('table.ops')).toBe(table); // same nodes: nothing changed
    ft.track('a.op', () => 1);
    vi.advanceTimersByTime(300);
    expect(shadow(overlay.host).querySelector('table.ops')).not.toBe(table);
    expect(shadow(overlay.host).querySelector('tbody td:nth-child(2)')!.textContent).toBe('2');
    overlay.unmount();
  });

  it('the hotkey and the close button toggle it; hidden or unmounted it runs no timer and no listener', async () => {
    vi.useFakeTimers();
    ft = register({ serviceName: 'overlay', endpoint: false });
    const all = ft.stats.all.bind(ft.stats);
    const spy = vi.spyOn(ft.stats, 'all').mockImplementation(all);
    const overlay = mountOverlay(ft, { hidden: true, refreshMs: 100 });
    const panel = shadow(overlay.host).querySelector('.panel')!;
    vi.advanceTimersByTime(1000);
    expect(spy).not.toHaveBeenCalled(); // hidden: no refresh work
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'F', altKey: true, shiftKey: true }));
    expect(panel.hasAttribute('hidden')).toBe(false);
    spy.mockClear();
    vi.advanceTimersByTime(1000);
    // at most every refreshMs, then on the next animation frame: "a few times a second"
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(5);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(10);
    (shadow(overlay.host).querySelector('button.close') as HTMLButtonElement).click();
    expect(panel.hasAttribute('hidden')).toBe(true);
    spy.mockClear();
    vi.advanceTimersByTime(1000);
    expect(spy).not.toHaveBeenCalled();
    overlay.unmount();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'F', altKey: true, shiftKey: true }));
    vi.advanceTimersByTime(1000);
    expect(spy).not.toHaveBeenCalled();
  });

  it('takes a configurable hotkey and matches the physical key when Alt changes e.key (macOS)', () => {
    ft = register({ serviceName: 'overlay', endpoint: false });
    const overlay = mountOverlay(ft, { hotkey: 'Ctrl+Alt+P' });
    const panel = shadow(overlay.host).querySelector('.panel')!;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'F', altKey: true, shiftKey: true }));
    expect(panel.hasAttribute('hidden')).toBe(false); // the default no longer applies
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'π', code: 'KeyP', altKey: true, ctrlKey: true }));
    expect(panel.hasAttribute('hidden')).toBe(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', altKey: true, ctrlKey: true }));
    expect(panel.hasAttribute('hidden')).toBe(false);
    expect(text(overlay.host)).toContain('Ctrl+Alt+P');
    overlay.unmount();
  });

  it('works on the no-op handle of enabled: false', () => {
    ft = register({ serviceName: 'overlay', enabled: false });
    const overlay = mountOverlay(ft);
    expect(text(overlay.host)).toContain('no operations yet');
    expect(text(overlay.host)).not.toContain('frametel overlay:'); // no error panel
    overlay.unmount();
  });

  it('health score: 100 when all is well, 0 at worst, documented weights in between', () => {
    expect(healthScore({ violationRate: 0, p95OverBudget: 0, exportFailureRate: 0 })).toBe(100);
    expect(healthScore({ violationRate: 1, p95OverBudget: 1, exportFailureRate: 1 })).toBe(0);
    expect(healthScore({ violationRate: 0.1, p95OverBudget: 0.5, exportFailureRate: 0 })).toBe(80);
    expect(healthScore({ violationRate: 0, p95OverBudget: 0, exportFailureRate: 1 })).toBe(80);
  });
});

describe('mountOverlay sources', () => {
  it('finds the signals source among the registered instrumentations when none is passed', async () => {
    const signals = await import('@preact/signals-core');
    const { PreactSignalsInstrumentation } = await import('../../../src/instrumentations/signals/index.js');
    const inst = new PreactSignalsInstrumentation({ signals });
    const handle = register({ serviceName: 'overlay-sources', endpoint: false, instrumentations: [inst] });
    signals.signal(0, { name: 'cart.count' }).value = 1;
    const overlay = mountOverlay(handle);
    await new Promise((r) => setTimeout(r, 300));
    expect(overlay.host.shadowRoot!.textContent).toContain('cart.count: 1 write');
    overlay.unmount();
    await handle.shutdown();
  });
});
