// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountOverlay } from '../../../src/devtools/index.js';
import { type Frametel, register } from '../../../src/index.js';
import type { ComponentRenderStats } from '../../../src/stats/components.js';

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
  document.body.replaceChildren();
});

const stats = (name: string): ComponentRenderStats => ({
  name,
  renders: 3,
  mounts: 1,
  rerenders: 2,
  totalMs: 30,
  maxMs: 20,
  avgMs: 10,
  lastMs: 5,
});

/** Any framework's component instrumentation: the overlay knows it only by its two read methods. */
function componentInstrumentation(name: string) {
  return {
    instrumentationName: 'frametel/vue',
    enable() {},
    disable() {},
    setTracerProvider() {},
    setMeterProvider() {},
    getConfig: () => ({ enabled: true }),
    slowestComponents: (n: number) => [stats(name)].slice(0, n),
    topRerenders: (n: number) => [stats(name)].slice(0, n),
  };
}

describe('mountOverlay finds the component source among ft.instrumentations by shape', () => {
  it('shows a non-React component instrumentation registered with register()', async () => {
    ft = register({
      serviceName: 'overlay',
      endpoint: false,
      instrumentations: [componentInstrumentation('TodoList')] as never,
    });
    const overlay = mountOverlay(ft, { refreshMs: 100 });
    await new Promise((r) => setTimeout(r, 250));
    const text = overlay.host.shadowRoot!.textContent ?? '';
    expect(text).toContain('Slowest components');
    expect(text).toContain('TodoList');
    overlay.unmount();
  });

  it('shows no component sections without such an instrumentation', async () => {
    ft = register({ serviceName: 'overlay', endpoint: false });
    const overlay = mountOverlay(ft, { refreshMs: 100 });
    await new Promise((r) => setTimeout(r, 250));
    expect(overlay.host.shadowRoot!.textContent ?? '').not.toContain('Slowest components');
    overlay.unmount();
  });
});
