// @vitest-environment happy-dom
import * as signals from '@preact/signals-core';
import {
  constructTable,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/table-core';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { afterEach, describe, expect, it } from 'vitest';
import { mountOverlay } from '../../../src/devtools/index.js';
import { diffLines } from '../../../src/devtools/state/diff.js';
import { register, type Frametel } from '../../../src/index.js';
import { Signal } from 'signal-polyfill';
import {
  PreactSignalsInstrumentation,
  SignalPolyfillInstrumentation,
} from '../../../src/instrumentations/signals/index.js';
import { keepValue, MAX_VALUE_CHANGES } from '../../../src/instrumentations/signals/value-history.js';

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
  document.body.replaceChildren();
});

describe('diffLines', () => {
  it('one line per changed, added and removed key, by path', () => {
    expect(
      diffLines(
        { value: { sort: { id: 'total', desc: false }, page: 1, tags: ['a'] } },
        { value: { sort: { id: 'total', desc: true }, tags: ['a', 'b'], filter: 'x' } },
      ),
    ).toEqual(['sort.desc: false → true', '- page: 1', '+ tags.1: "b"', '+ filter: "x"']);
  });

  it('primitives, type changes and unknown previous values as one line', () => {
    expect(diffLines({ value: 'a' }, { value: 'b' })).toEqual(['"a" → "b"']);
    expect(diffLines({ value: [1] }, { value: { 0: 1 } })).toEqual(['[1] → {"0":1}']);
    expect(diffLines({ type: 'unknown', reason: 'unknown' }, { value: 3 })).toEqual(['(not seen before) → 3']);
    expect(diffLines({ value: 1 }, { type: 'HTMLDivElement', reason: 'not-cloneable' })).toEqual([
      '1 → <HTMLDivElement, not-cloneable>',
    ]);
  });

  it('truncates: at most maxLines lines, then one "… n more changes" line; long values are cut', () => {
    const before = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i + 1]));
    const lines = diffLines({ value: before }, { value: after });
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe('k0: 0 → 1');
    expect(lines[12]).toBe('… 28 more changes');
    expect(diffLines({ value: before }, { value: after }, 3).at(-1)).toBe('… 37 more changes');
    const [long] = diffLines({ value: { a: 'x' } }, { value: { a: 'y'.repeat(500) } });
    expect(long).toHaveLength('a: "x" → '.length + 60);
    expect(long!.endsWith('…')).toBe(true);
  });
});

describe('keepValue (recordValues: true)', () => {
  it('clones, so a later mutation does not rewrite history; non-cloneable → type name; too large → type name', () => {
    const obj = { a: 1 };
    const kept = keepValue(obj);
    obj.a = 2;
    expect(kept).toEqual({ value: { a: 1 } });
    expect(keepValue(() => 1)).toEqual({ type: 'Function', reason: 'not-cloneable' });
    expect(keepValue({ onClick: () => 1 })).toEqual({ type: 'Object', reason: 'not-cloneable' });
    expect(keepValue(Symbol('s'))).toEqual({ type: 'symbol', reason: 'not-cloneable' });
    expect(keepValue('x'.repeat(20_000))).toEqual({ type: 'string', reason: 'too-large' });
    expect(keepValue(new Map([[1, { b: 2 }]]))).toEqual({ value: new Map([[1, { b: 2 }]]) });
  });
});

describe('the overlay "State changes" section', () => {
  it('shows the changed key of an object signal (recordValues: true) and table state changes', () => {
    const inst = new PreactSignalsInstrumentation({ signals, recordValues: true });
    ft = register({ serviceName: 'state', endpoint: false, instrumentations: [inst] });
    const features = tableFeatures({
      coreReactivityFeature: storeReactivityBindings(),
      rowSortingFeature,
      sortedRowModel: createSortedRowModel(),
      sortFns: { basic: sortFn_basic },
    } as never);
    const table = constructTable({
      features,
      columns: [{ accessorKey: 'total', header: 'Total', sortFn: 'basic' }],
      data: [{ total: 2 }, { total: 1 }],
    } as never) as unknown as {
      setSorting(s: unknown): void;
      store: { state: unknown; subscribe(f: (s: unknown) => void): () => void };
    };
    const sort = signals.signal({ id: 'total', desc: false }, { name: 'grid.sort' });
    const overlay = mountOverlay(ft, { tables: { orders: table } });
    sort.value = { id: 'total', desc: true };
    table.setSorting([{ id: 'total', desc: true }]);
    overlay.toggle(true);
    const items = [...overlay.host.shadowRoot!.querySelectorAll('.section.state .diff')].map((d) => [
      d.querySelector('strong')!.textContent,
      [...d.querySelectorAll('li')].map((li) => li.textContent),
    ]);
    expect(items).toEqual([
      ['orders.sorting', ['+ 0: {"id":"total","desc":true}']],
      ['grid.sort', ['(not seen before) → {"id":"total","desc":true}']],
    ]);
    sort.value = { id: 'customer', desc: true };
    overlay.toggle(true);
    const first = overlay.host.shadowRoot!.querySelector('.section.state .diff')!;
    expect(first.querySelector('strong')!.textContent).toBe('grid.sort');
    expect([...first.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['id: "total" → "customer"']);
    overlay.unmount();
  });

  it('keeps values only with recordValues: true, and a bounded history', () => {
    const off = new PreactSignalsInstrumentation({ signals });
    ft = register({ serviceName: 'state', endpoint: false, instrumentations: [off] });
    const s = signals.signal(0, { name: 'n' });
    s.value = 1;
    expect(off.recentValueChanges()).toEqual([]);
    const overlay = mountOverlay(ft);
    expect(overlay.host.shadowRoot!.querySelector('.section.state')).toBeNull(); // nothing to show
    overlay.unmount();
    off.disable();
    const on = new PreactSignalsInstrumentation({ signals, recordValues: true });
    const t = signals.signal(0, { name: 't' });
    for (let i = 1; i <= MAX_VALUE_CHANGES + 50; i++) t.value = i;
    const recent = on.recentValueChanges(1000);
    expect(recent).toHaveLength(MAX_VALUE_CHANGES);
    expect(recent[0]).toMatchObject({ name: 't', previous: { value: 249 }, next: { value: 250 } });
    expect(recent[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
    on.disable();
  });

  it('signal-polyfill writes keep their values too (recordValues: true)', () => {
    const poly = new SignalPolyfillInstrumentation({ Signal: Signal as never, recordValues: true });
    ft = register({ serviceName: 'state', endpoint: false, instrumentations: [poly] });
    const state = new Signal.State({ page: 1 });
    state.set({ page: 2 });
    state.set({ page: 3 });
    const [last] = poly.recentValueChanges(1);
    expect(last).toMatchObject({ previous: { value: { page: 2 } }, next: { value: { page: 3 } } });
    expect(diffLines(last!.previous, last!.next)).toEqual(['page: 2 → 3']);
    poly.disable();
  });
});
