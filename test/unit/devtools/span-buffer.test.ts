// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountOverlay, SpanRingBuffer, waterfallRows } from '../../../src/devtools/index.js';
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

describe('SpanRingBuffer', () => {
  it('is a span processor given to register({ spanProcessors }) that keeps ended spans with budget outcome and parentage', () => {
    const buffer = new SpanRingBuffer();
    ft = register({ serviceName: 'buffer', endpoint: false, spanProcessors: [buffer], budgets: { inner: 0.0001 } });
    expect(ft.spanProcessors).toEqual([buffer]);
    ft.track('outer', () => ft!.track('inner', () => busy(0.2)));
    const spans = buffer.spans();
    expect(spans.map((s) => s.name)).toEqual(['inner', 'outer']);
    const [inner, outer] = spans as [(typeof spans)[0], (typeof spans)[0]];
    expect(inner.traceId).toBe(outer.traceId);
    expect(inner.parentSpanId).toBe(outer.spanId);
    expect(outer.parentSpanId).toBeUndefined();
    expect(inner).toMatchObject({ operation: 'inner', budgetMs: 0.0001, exceeded: true });
    expect(outer.exceeded).toBe(false);
    expect(inner.durationMs).toBeGreaterThanOrEqual(0.2);
    expect(buffer.trace(outer.traceId).map((s) => s.name)).toEqual(['outer', 'inner']); // start order
    expect(buffer.trace('0'.repeat(32))).toEqual([]);
  });

  it('keeps at most maxSpans, dropping the oldest, and counts the drops', () => {
    const buffer = new SpanRingBuffer({ maxSpans: 3 });
    ft = register({ serviceName: 'buffer', endpoint: false, spanProcessors: [buffer] });
    for (let i = 0; i < 2500; i++) ft.track(`op.${i}`, () => i);
    expect(buffer.size).toBe(3);
    expect(buffer.dropped).toBe(2497);
    expect(buffer.spans().map((s) => s.name)).toEqual(['op.2497', 'op.2498', 'op.2499']);
  });

  it('defaults to 2 000 spans', () => {
    const buffer = new SpanRingBuffer();
    ft = register({ serviceName: 'buffer', endpoint: false, spanProcessors: [buffer] });
    for (let i = 0; i < 2100; i++) ft.track('op', () => i);
    expect(buffer.maxSpans).toBe(2000);
    expect(buffer.size).toBe(2000);
  });

  it('keeps within maxBytes, dropping the oldest, and cuts long attribute strings', () => {
    const buffer = new SpanRingBuffer({ maxBytes: 8 * 1024 });
    ft = register({ serviceName: 'buffer', endpoint: false, spanProcessors: [buffer] });
    const big = 'x'.repeat(5000);
    for (let i = 0; i < 100; i++) ft.track('op', () => i, { note: big });
    expect(buffer.byteSize).toBeLessThanOrEqual(8 * 1024);
    expect(buffer.size).toBeGreaterThan(1);
    expect(buffer.size).toBeLessThan(100);
    expect(buffer.dropped).toBe(100 - buffer.size);
    const note = buffer.spans()[0]!.attributes.note as string;
    expect(note).toHaveLength(200);
    expect(note.endsWith('…')).toBe(true);
  });

  it('records exceptions and error status', () => {
    const buffer = new SpanRingBuffer();
    ft = register({ serviceName: 'buffer', endpoint: false, spanProcessors: [buffer] });
    expect(() =>
      ft!.track('boom', () => {
        throw new RangeError('out of range');
      }),
    ).toThrow('out of range');
    expect(buffer.spans()[0]).toMatchObject({ error: true, exceptions: ['RangeError: out of range'] });
  });

  it('rejects bad bounds, and register rejects a span processor without its methods, with FrametelConfigError', () => {
    expect(() => new SpanRingBuffer({ maxSpans: 0 })).toThrow(FrametelConfigError);
    expect(() => new SpanRingBuffer({ maxSpans: Number.NaN })).toThrow('SpanRingBuffer options.maxSpans');
    expect(() => new SpanRingBuffer({ maxBytes: 10 })).toThrow('SpanRingBuffer options.maxBytes');
    expect(() => new SpanRingBuffer({ maxSpan: 3 } as never)).toThrow('did you mean maxSpans?');
    expect(() =>
      register({ serviceName: 'buffer', endpoint: false, spanProcessors: [{ onEnd() {} }] as never }),
    ).toThrow(/^spanProcessors\[0\]: expected a SpanProcessor/);
  });
});

describe('waterfallRows', () => {
  const span = (spanId: string, parentSpanId: string | undefined, startMs: number, durationMs: number) => ({
    traceId: 't',
    spanId,
    parentSpanId,
    name: spanId,
    operation: undefined,
    subject: undefined,
    startMs,
    durationMs,
    budgetMs: undefined,
    exceeded: false,
    error: false,
    exceptions: [],
    attributes: {},
  });

  it('orders parents before children, siblings by start, with depth and bar positions on one axis', () => {
    const rows = waterfallRows([
      span('sort', 'change', 110, 60),
      span('render', 'write', 180, 20),
      span('write', undefined, 100, 100),
      span('change', 'write', 105, 70),
      span('orphan', 'evicted', 150, 10),
    ]);
    expect(rows.map((r) => `${r.depth}:${r.span.spanId}`)).toEqual([
      '0:write',
      '1:change',
      '2:sort',
      '1:render',
      '0:orphan',
    ]);
    expect(rows[0]).toMatchObject({ offset: 0, width: 1 });
    expect(rows[2]!.offset).toBeCloseTo(0.1);
    expect(rows[2]!.width).toBeCloseTo(0.6);
  });
});

describe('the overlay opens a violation as its trace waterfall', () => {
  /** The open overlay over a buffer holding one trace: interaction → table.sort (over its 1 ms budget), component.render. */
  const overlayWithSortViolation = async () => {
    const buffer = new SpanRingBuffer();
    ft = register({ serviceName: 'buffer', endpoint: false, spanProcessors: [buffer], budgets: { 'table.sort': 1 } });
    const overlay = mountOverlay(ft); // finds the buffer among ft.spanProcessors
    // 20 ms, not 3: the SDK starts each span at Date.now() (1 ms steps) plus its own offset to
    // performance.now(), so a child can start or end up to ~1 ms outside its parent; on a 3 ms
    // trace that moved the root's bar to 88 % of the axis on a loaded CI machine.
    ft.track('interaction', () => {
      ft!.track('table.sort', () => busy(20));
      ft!.track('component.render', () => busy(0.1));
    });
    await ft.forceFlush();
    overlay.toggle(true);
    return overlay;
  };

  it('click or Enter on a violation shows nested bars, the breaking span outlined and red; Escape closes', async () => {
    const overlay = await overlayWithSortViolation();
    const root = overlay.host.shadowRoot!;
    const row = root.querySelector('table.violations tbody tr') as HTMLElement;
    expect(row.getAttribute('role')).toBe('button');
    expect(row.tabIndex).toBe(0);
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    const rows = [...root.querySelectorAll('table.waterfall tbody tr')] as HTMLElement[];
    expect(rows.map((r) => [r.getAttribute('aria-level'), r.children[0]!.textContent])).toEqual([
      ['1', 'interaction'],
      ['2', 'table.sort'],
      ['2', 'component.render'],
    ]);
    const sort = rows[1]!;
    expect(sort.className).toBe('over breaking');
    expect(sort.children[4]!.textContent).toBe('1'); // budget
    expect(Number(sort.children[3]!.textContent)).toBeGreaterThanOrEqual(20);
    expect(rows[0]!.className).toBe('');
    const width = (r: HTMLElement) => Number.parseFloat((r.querySelector('.wf-bar') as HTMLElement).style.width);
    expect(width(rows[0]!)).toBeGreaterThan(90); // the root spans (about) the whole axis
    const ms = (r: HTMLElement) => Number(r.children[3]!.textContent);
    // bars share one axis: width ratios are duration ratios
    expect(width(sort) / width(rows[0]!)).toBeCloseTo(ms(sort) / ms(rows[0]!), 1);
    await Promise.resolve();
    expect(root.activeElement).toBe(sort); // focus moved to the breaking span
    sort.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
    expect(root.activeElement).toBe(rows[0]);
    rows[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(root.querySelector('table.waterfall')).toBeNull();
    (root.querySelector('table.violations tbody tr') as HTMLElement).click();
    expect(root.querySelector('table.waterfall')).not.toBeNull();
    overlay.unmount();
  });

  it('a repaint while a waterfall row has focus hands focus to its replacement, so ↑/↓ and Escape keep working', async () => {
    // Regression: the overlay repaints every refreshMs when data changed, replacing every element;
    // focus fell to <body> and Escape no longer closed the waterfall (an e2e run caught it).
    const overlay = await overlayWithSortViolation();
    const root = overlay.host.shadowRoot!;
    (root.querySelector('table.violations tbody tr') as HTMLElement).click();
    await Promise.resolve();
    const before = root.activeElement as HTMLElement;
    expect(before.children[0]!.textContent).toBe('table.sort');
    before.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    const focusedId = (root.activeElement as HTMLElement).dataset.spanId;

    ft!.track('table.sort', () => busy(3)); // new data → the next refresh repaints everything
    overlay.toggle(true); // a forced repaint, as the timer does
    const after = root.activeElement as HTMLElement;
    expect(after).not.toBe(before); // a new element …
    expect(after.isConnected).toBe(true);
    expect(after.dataset.spanId).toBe(focusedId); // … for the same span
    expect(after.children[0]!.textContent).toBe('interaction');
    expect(after.tabIndex).toBe(0); // and it is the one tab stop
    after.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect((root.activeElement as HTMLElement).children[0]!.textContent).toBe('table.sort');
    (root.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(root.querySelector('table.waterfall')).toBeNull();

    // Escape from the close button closes too (it is inside the view, not a row).
    (root.querySelector('table.violations tbody tr') as HTMLElement).click();
    const close = root.querySelector('button.wf-close') as HTMLElement;
    close.focus();
    overlay.toggle(true);
    expect((root.activeElement as HTMLElement).className).toContain('wf-close');
    (root.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(root.querySelector('table.waterfall')).toBeNull();
    overlay.unmount();
  });

  it('without a span buffer, violations are not openable', async () => {
    ft = register({ serviceName: 'buffer', endpoint: false, budgets: { slow: 0.0001 } });
    const overlay = mountOverlay(ft);
    ft.track('slow', () => busy(0.1));
    await ft.forceFlush();
    overlay.toggle(true);
    const row = overlay.host.shadowRoot!.querySelector('table.violations tbody tr') as HTMLElement;
    expect(row.hasAttribute('role')).toBe(false);
    row.click();
    expect(overlay.host.shadowRoot!.querySelector('table.waterfall')).toBeNull();
    overlay.unmount();
  });
});
