// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountOverlay } from '../../../src/devtools/index.js';
import { FrametelConfigError, register, type Frametel } from '../../../src/index.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
  document.body.replaceChildren();
});

const root = (host: HTMLElement) => host.shadowRoot!;
const headings = (host: HTMLElement) => [...root(host).querySelectorAll('h3')].map((h) => h.textContent);

/** The one error mountOverlay(ft, options) throws, or a failed expectation. */
function configError(options: unknown): FrametelConfigError {
  ft ??= register({ serviceName: 'overlay-robustness', endpoint: false });
  try {
    mountOverlay(ft, options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(FrametelConfigError);
    return error as FrametelConfigError;
  }
  throw new Error(`mountOverlay accepted ${String(options)}`);
}

describe('mountOverlay: bad options are one FrametelConfigError naming the option, before anything mounts', () => {
  it.each([
    [{ hotkey: 5 }, 'mountOverlay options.hotkey', 'got 5'],
    [{ hotkey: 'Alt+Shift+' }, 'mountOverlay options.hotkey', 'modifiers + one key'],
    [{ hotkey: 'Hyper+F' }, 'mountOverlay options.hotkey', '"Hyper+F"'],
    [{ container: 'body' }, 'mountOverlay options.container', 'got "body"'],
    [{ maxViolations: Number.NaN }, 'mountOverlay options.maxViolations', 'got NaN'],
    [{ maxViolations: 0 }, 'mountOverlay options.maxViolations', 'an integer from 1 to 1000'],
    [{ listSize: 2.5 }, 'mountOverlay options.listSize', 'got 2.5'],
    [{ refreshMs: '100' }, 'mountOverlay options.refreshMs', 'got "100"'],
    [{ hidden: 'yes' }, 'mountOverlay options.hidden', 'true or false'],
    [{ traceUrl: 'http://jaeger/trace/' }, 'mountOverlay options.traceUrl', 'a function'],
    [{ signals: {} }, 'mountOverlay options.signals', 'an object with topSignals'],
    [{ components: { slowestComponents: () => [] } }, 'mountOverlay options.components', 'topRerenders'],
    [{ network: { recent: () => [] } }, 'mountOverlay options.network', 'recentRequests'],
    [{ sections: [{}] }, 'mountOverlay options.sections', 'section factories'],
    [{ hotkeys: 'Alt+F' }, 'mountOverlay options.hotkeys', 'did you mean hotkey?'],
  ])('%o', (options, path, message) => {
    const error = configError(options);
    expect(error.message.startsWith(path)).toBe(true);
    expect(error.message).toContain(message);
    expect(document.querySelector('[data-frametel-overlay]')).toBeNull();
  });
});

describe('mountOverlay: a failing section shows a short note, is counted, and the rest renders', () => {
  it('a throwing traceUrl leaves the trace id as plain text and the panel whole', async () => {
    ft = register({ serviceName: 'overlay-robustness', endpoint: false, budgets: { slow: 0.0001 } });
    const overlay = mountOverlay(ft, {
      traceUrl: () => {
        throw new Error('no jaeger configured');
      },
    });
    ft.track('slow', () => busy(0.2));
    await ft.forceFlush();
    overlay.toggle(true);
    expect(headings(overlay.host)).toEqual(['Operations', 'Last violations']);
    expect(root(overlay.host).querySelector('td.trace')!.textContent).toMatch(/^[0-9a-f]{32}$/);
    expect(root(overlay.host).querySelector('td.trace a')).toBeNull();
    expect(root(overlay.host).textContent).not.toContain('no jaeger configured');
    overlay.unmount();
  });

  it('a source whose method throws at run time: that section says so, the others render', () => {
    ft = register({ serviceName: 'overlay-robustness', endpoint: false });
    ft.track('a.op', () => 1);
    let calls = 0;
    const overlay = mountOverlay(ft, {
      signals: {
        topSignals: () => {
          calls++;
          throw new TypeError('signals went away');
        },
      },
      network: { recentRequests: () => [{ method: 'GET', url: '/api/x', status: 200, durationMs: 4 }] },
    });
    expect(calls).toBeGreaterThan(0);
    expect(headings(overlay.host)).toEqual([
      'Operations',
      'Last violations',
      'Most-updated signals',
      'Recent requests',
    ]);
    const note = root(overlay.host).querySelector('.section.signals .section-error')!;
    expect(note.textContent).toBe('unavailable: TypeError: signals went away');
    expect(root(overlay.host).querySelector('table.ops tbody td')!.textContent).toBe('a.op');
    expect(root(overlay.host).textContent).toContain('GET /api/x → 200');
    expect(overlay.sectionErrors).toBe(calls);
    overlay.unmount();
  });

  it('an extra section that throws in render is contained the same way', () => {
    ft = register({ serviceName: 'overlay-robustness', endpoint: false });
    const overlay = mountOverlay(ft, {
      sections: [
        () => ({
          id: 'broken',
          title: 'Broken',
          collect: () => 1,
          render: () => {
            throw new Error('render failed');
          },
        }),
        () => ({
          id: 'fine',
          title: 'Fine',
          collect: () => 'ok',
          render: (d) => document.createTextNode(String(d)) as never,
        }),
      ],
    });
    expect(headings(overlay.host)).toEqual(['Operations', 'Last violations', 'Broken', 'Fine']);
    expect(root(overlay.host).querySelector('.section.broken .section-error')!.textContent).toBe(
      'unavailable: Error: render failed',
    );
    expect(overlay.sectionErrors).toBe(1);
    overlay.unmount();
  });

  it('maxViolations bounds the list', async () => {
    ft = register({ serviceName: 'overlay-robustness', endpoint: false, budgets: { slow: 0.0001 } });
    const overlay = mountOverlay(ft, { maxViolations: 3 });
    for (let i = 0; i < 6; i++) ft.track('slow', () => busy(0.05));
    await ft.forceFlush();
    overlay.toggle(true);
    expect(root(overlay.host).querySelectorAll('table.violations tbody tr')).toHaveLength(3);
    overlay.unmount();
  });
});
