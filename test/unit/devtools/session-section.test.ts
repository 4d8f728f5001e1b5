// @vitest-environment happy-dom
import * as signals from '@preact/signals-core';
import { afterEach, describe, expect, it } from 'vitest';
import { mountOverlay, SpanRingBuffer } from '../../../src/devtools/index.js';
import { sessionSection } from '../../../src/devtools/replay/index.js';
import { FrametelConfigError, register, type Frametel } from '../../../src/index.js';
import { PreactSignalsInstrumentation } from '../../../src/instrumentations/signals/index.js';

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
  document.body.replaceChildren();
});

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('the overlay Session section (frametel/devtools/replay)', () => {
  it('record → stop → replay from the buttons shows the report with the verdict', async () => {
    const inst = new PreactSignalsInstrumentation({ signals });
    ft = register({
      serviceName: 'session',
      endpoint: false,
      spanProcessors: [new SpanRingBuffer()],
      instrumentations: [inst],
      budgets: { 'table.sort': 20 },
    });
    const handle = ft;
    const sortBy = signals.signal('', { name: 'grid.sort' });
    let slow = true;
    const stop = signals.effect(() => {
      if (sortBy.value) handle.track('table.sort', () => busy(slow ? 40 : 0.1));
    });
    const overlay = mountOverlay(ft, { sections: [sessionSection({ signals: [sortBy] })] });
    const root = overlay.host.shadowRoot!;
    const press = (label: string) =>
      ([...root.querySelectorAll('.section.session button')] as HTMLButtonElement[])
        .find((b) => b.textContent === label)!
        .click();
    press('● record');
    expect(root.querySelector('.section.session')!.textContent).toContain('recording… 0 steps');
    sortBy.value = 'total';
    await new Promise((r) => setTimeout(r, 5));
    press('■ stop');
    expect(root.querySelector('.section.session')!.textContent).toContain('1 groups recorded');
    sortBy.value = '';
    slow = false;
    press('▶ replay');
    await expect
      .poll(() =>
        [...root.querySelectorAll('table.report tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
      )
      .toContainEqual([
        '1',
        'grid.sort',
        'table.sort',
        expect.stringMatching(/ ms$/),
        expect.stringMatching(/ ms$/),
        '20',
        'fixed',
      ]);
    expect(root.querySelector('.replay-report p')!.textContent).toContain('1 fixed · 0 regressed');
    stop();
    overlay.unmount();
  });

  it('checks its targets at once', () => {
    expect(() => sessionSection({ signals: [{}] as never })).toThrow(FrametelConfigError);
    expect(() => sessionSection({ signals: [{}] as never })).toThrow('sessionSection options.signals[0]');
  });
});
