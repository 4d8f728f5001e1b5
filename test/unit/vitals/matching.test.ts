// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  interactionOfFrame,
  matchEntry,
  phases,
  targetSelector,
  withoutQuery,
} from '../../../src/instrumentations/vitals/interactions/index.js';
import { eventEntry, frameEntry } from './fake-performance.js';

describe('targetSelector (ui.interaction.target)', () => {
  it('tag, id, up to 3 classes and data-testid; stops at an id or data-testid, and below body', () => {
    document.body.innerHTML = `
      <section id="orders"><div class="a b c d"><span class="x">Alice's secret order</span></div></section>
      <ul><li class="row"><button class="${'h'.repeat(40)} ok" data-testid="buy">Buy for 12 €</button></li></ul>
      <p><em>plain</em></p>`;
    expect(targetSelector(document.querySelector('span'))).toBe('section#orders > div.a.b.c > span.x');
    expect(targetSelector(document.querySelector('button'))).toBe('button.ok[data-testid="buy"]');
    expect(targetSelector(document.querySelector('em'))).toBe('p > em');
    expect(targetSelector(document.body)).toBe('body');
    expect(targetSelector(document)).toBe('document');
    expect(targetSelector(window)).toBe('window');
    expect(targetSelector(document.querySelector('em')!.firstChild)).toBeUndefined(); // a text node
    expect(targetSelector(null)).toBeUndefined();
  });

  it('never contains text content or input values', () => {
    document.body.innerHTML = '<form><input name="card" class="cc" value="4111 1111 1111 1111"></form>';
    const input = document.querySelector('input')!;
    input.value = '4242 4242 4242 4242';
    const selector = targetSelector(input)!;
    expect(selector).toBe('form > input.cc');
    expect(selector).not.toMatch(/4[12]/);
  });
});

describe('matchEntry: Event Timing entry ↔ waiting interaction', () => {
  const a = { type: 'click', startTime: 100, target: 'A', entry: undefined };
  const b = { type: 'click', startTime: 104, target: 'B', entry: undefined };
  const key = { type: 'keydown', startTime: 100, target: 'A', entry: undefined };

  it('same type, nearest start within the tolerance; the same target wins over a nearer start', () => {
    expect(matchEntry([a, b, key], eventEntry('click', 101, 40))).toBe(a);
    expect(matchEntry([a, b, key], eventEntry('click', 103, 40))).toBe(b);
    expect(matchEntry([a, b, key], eventEntry('click', 103, 40, { target: 'A' }))).toBe(a);
    expect(matchEntry([a, b, key], eventEntry('keydown', 100.4, 40))).toBe(key);
  });

  it('nothing for an entry too far away, of another type, or for an interaction already matched', () => {
    expect(matchEntry([a], eventEntry('click', 120, 40))).toBeUndefined();
    expect(matchEntry([a], eventEntry('pointerup', 100, 40))).toBeUndefined();
    const matched = { ...a, entry: eventEntry('click', 100, 40) };
    expect(matchEntry([matched], eventEntry('click', 100, 40))).toBeUndefined();
  });
});

describe('interactionOfFrame: long animation frame ↔ interaction', () => {
  const w = (start: number, end: number, processingStart: number, processingEnd: number, busy = false) => ({
    start,
    end,
    processingStart,
    processingEnd,
    busy,
  });

  it('the interaction whose handlers ran in the frame, then the busy one, then the most overlap, then the later one', () => {
    const pointerdown = w(0, 128, 0.6, 1.2);
    const click = w(2, 130, 2.6, 122.6);
    expect(interactionOfFrame([pointerdown, click], frameEntry(0.4, 125))).toBe(click);
    const idle = w(10, 60, 10, 12);
    const busy = w(10, 60, 10, 12, true);
    expect(interactionOfFrame([busy, idle], frameEntry(0, 80))).toBe(busy);
    const early = w(10, 60, 11, 12);
    const late = w(20, 70, 21, 22); // shares as much of the frame as the early one
    expect(interactionOfFrame([late, early], frameEntry(0, 80))).toBe(late);
  });

  it('an open window (entry not yet known) overlaps up to the frame end; disjoint frames match nothing', () => {
    const open = w(50, Number.POSITIVE_INFINITY, 50, Number.POSITIVE_INFINITY);
    expect(interactionOfFrame([open], frameEntry(40, 60))).toBe(open);
    expect(interactionOfFrame([w(0, 30, 1, 2)], frameEntry(40, 60))).toBeUndefined();
    expect(interactionOfFrame([w(200, 230, 201, 202)], frameEntry(40, 60))).toBeUndefined();
  });
});

describe('phases and script URLs', () => {
  it('input delay, processing, presentation; never negative when the rounded duration ends early', () => {
    expect(phases(eventEntry('click', 100, 64, { inputDelay: 4, processing: 30 }))).toEqual({
      inputDelay: 4,
      processing: 30,
      presentation: 30,
    });
    expect(phases(eventEntry('click', 100, 16, { inputDelay: 2, processing: 15 })).presentation).toBe(0);
  });

  it('drops query strings and fragments from script URLs', () => {
    expect(withoutQuery('https://cdn.example/app.js?token=abc#L1')).toBe('https://cdn.example/app.js');
    expect(withoutQuery('https://cdn.example/app.js')).toBe('https://cdn.example/app.js');
    expect(withoutQuery('')).toBe('');
  });
});
