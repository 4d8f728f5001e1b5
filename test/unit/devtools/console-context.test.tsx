// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountOverlay } from '../../../src/devtools/index.js';
import { register, type Frametel } from '../../../src/index.js';
import { ErrorInstrumentation } from '../../../src/instrumentations/errors/index.js';
import { RenderBoundary } from '../../../src/instrumentations/react/index.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

function Noisy({ what }: { what: string }) {
  console.warn(`${what} rendered with a deprecated prop`);
  return <span>{what}</span>;
}

describe('console capture with component context', () => {
  it('a console.warn during a render carries the RenderBoundary being rendered; outside one, none', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const errors = new ErrorInstrumentation({ captureConsole: true });
    ft = register({ serviceName: 'console', endpoint: false, instrumentations: [errors] });
    const host = document.createElement('div');
    const root = createRoot(host);
    act(() =>
      root.render(
        <main>
          <RenderBoundary name="Cart">
            <Noisy what="line item" />
            <RenderBoundary name="Coupon">
              <Noisy what="coupon" />
            </RenderBoundary>
            <Noisy what="total" />
          </RenderBoundary>
          <Noisy what="footer" />
        </main>,
      ),
    );
    await Promise.resolve();
    const entries = errors.recentConsole(10).reverse();
    expect(entries.map((e) => [e.message, e.component])).toEqual([
      ['line item rendered with a deprecated prop', 'Cart'],
      ['coupon rendered with a deprecated prop', 'Coupon'],
      ['total rendered with a deprecated prop', 'Cart'],
      ['footer rendered with a deprecated prop', undefined],
    ]);
    // Inside a traced operation the entry has the operation and trace context.
    ft.track('checkout.submit', () => console.warn('slow checkout'));
    expect(errors.recentConsole(1)[0]).toMatchObject({
      message: 'slow checkout',
      operation: 'checkout.submit',
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    act(() => root.unmount());
  });

  it('the overlay console panel lists entries with their component and filters by component or operation', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const errors = new ErrorInstrumentation({ captureConsole: true });
    ft = register({ serviceName: 'console', endpoint: false, instrumentations: [errors] });
    const host = document.createElement('div');
    const root = createRoot(host);
    act(() =>
      root.render(
        <RenderBoundary name="HeavyPanel">
          <Noisy what="<img src=x onerror=alert(1)>" />
        </RenderBoundary>,
      ),
    );
    ft.track('table.sort', () => console.warn('comparator is slow'));
    const overlay = mountOverlay(ft);
    const shadow = overlay.host.shadowRoot!;
    const lines = () => [...shadow.querySelectorAll('ul.console li')].map((li) => li.textContent);
    expect(lines()).toEqual([
      'warn [table.sort] comparator is slow',
      'warn [HeavyPanel] <img src=x onerror=alert(1)> rendered with a deprecated prop',
    ]);
    expect(shadow.querySelector('img')).toBeNull();
    const select = shadow.querySelector('select.console-filter') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'component: HeavyPanel', 'operation: table.sort']);
    select.value = 'component: HeavyPanel';
    select.dispatchEvent(new Event('change'));
    expect(lines()).toEqual(['warn [HeavyPanel] <img src=x onerror=alert(1)> rendered with a deprecated prop']);
    overlay.unmount();
    act(() => root.unmount());
  });
});
