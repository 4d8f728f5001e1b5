// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthScore, mountOverlay } from '../../../src/devtools/index.js';
import { register, type Frametel } from '../../../src/index.js';

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

const text = (host: HTMLElement) => host.shadowRoot!.textContent ?? '';

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
    expect(t).toMatch(/table\.sort.*1.*1/);
    expect(t).toContain('cart.total');
    expect(t).toMatch(/table\.sort: [\d.]+ ms > 1 ms · warning · trace [0-9a-f]{32}/);
    const rows = [...overlay.host.shadowRoot!.querySelectorAll('tbody tr')].map((r) => r.firstChild!.textContent);
    expect(rows).toEqual(['table.sort', 'cart.total']); // sorted by p95, descending
    expect(overlay.host.shadowRoot!.querySelector('tr.bad td')!.textContent).toBe('table.sort');
    overlay.unmount();
    expect(document.querySelector('[data-frametel-overlay]')).toBeNull();
  });

  it('sorts by a column when its header is clicked, toggling direction', async () => {
    ft = register({ serviceName: 'overlay', endpoint: false });
    ft.track('b.op', () => 1);
    ft.track('a.op', () => 1);
    ft.track('a.op', () => 1);
    const overlay = mountOverlay(ft);
    const headers = () => [...overlay.host.shadowRoot!.querySelectorAll('th')];
    const first = () => overlay.host.shadowRoot!.querySelector('tbody tr td')!.textContent;
    headers().find((h) => h.textContent!.startsWith('count'))!.dispatchEvent(new MouseEvent('click'));
    expect(first()).toBe('a.op');
    headers().find((h) => h.textContent!.startsWith('count'))!.dispatchEvent(new MouseEvent('click'));
    expect(first()).toBe('b.op');
    overlay.unmount();
  });

  it('renders app-provided names inert: a component named <img src=x onerror=alert(1)> is text', () => {
    ft = register({ serviceName: 'overlay', endpoint: false, budgets: { '<img src=x onerror=alert(1)>': 0.0001 } });
    ft.track('<img src=x onerror=alert(1)>', () => busy(0.1));
    const overlay = mountOverlay(ft, {
      signals: { topSignals: () => [{ name: '<script>alert(2)</script>', updates: 3 }] },
    });
    const shadow = overlay.host.shadowRoot!;
    expect(shadow.querySelector('img')).toBeNull();
    expect(shadow.querySelector('script')).toBeNull();
    expect(text(overlay.host)).toContain('<img src=x onerror=alert(1)>');
    expect(text(overlay.host)).toContain('<script>alert(2)</script>: 3 writes');
    overlay.unmount();
  });

  it('the hotkey toggles it; hidden or unmounted it runs no timer and no listener', async () => {
    vi.useFakeTimers();
    ft = register({ serviceName: 'overlay', endpoint: false });
    const all = ft.stats.all.bind(ft.stats);
    const spy = vi.spyOn(ft.stats, 'all').mockImplementation(all);
    const overlay = mountOverlay(ft, { hidden: true, refreshMs: 100 });
    vi.advanceTimersByTime(1000);
    expect(spy).not.toHaveBeenCalled(); // hidden: no refresh work
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'F', altKey: true, shiftKey: true }));
    expect(overlay.host.shadowRoot!.querySelector('.panel')!.hasAttribute('hidden')).toBe(false);
    spy.mockClear();
    vi.advanceTimersByTime(1000);
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(9); // ~ every 100 ms
    expect(spy.mock.calls.length).toBeLessThanOrEqual(11);
    overlay.unmount();
    spy.mockClear();
    vi.advanceTimersByTime(1000);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'F', altKey: true, shiftKey: true }));
    expect(spy).not.toHaveBeenCalled();
  });

  it('health score: 100 when all is well, 0 at worst, documented weights in between', () => {
    expect(healthScore({ violationRate: 0, p95OverBudget: 0, exportFailureRate: 0 })).toBe(100);
    expect(healthScore({ violationRate: 1, p95OverBudget: 1, exportFailureRate: 1 })).toBe(0);
    expect(healthScore({ violationRate: 0.1, p95OverBudget: 0.5, exportFailureRate: 0 })).toBe(80);
  });
});
