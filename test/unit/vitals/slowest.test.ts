import { describe, expect, it } from 'vitest';
import {
  MAX_SLOWEST,
  type SlowInteraction,
  SlowestInteractions,
} from '../../../src/instrumentations/vitals/interactions/slowest.js';

const row = (durationMs: number, traceId = `t${durationMs}`): SlowInteraction => ({
  type: 'click',
  target: 'button',
  durationMs,
  inputDelayMs: 1,
  processingMs: durationMs - 2,
  presentationDelayMs: 1,
  operations: [],
  traceId,
});

describe('SlowestInteractions', () => {
  it('keeps only the slowest MAX_SLOWEST, slowest first, earlier first on ties', () => {
    const kept = new SlowestInteractions();
    for (let i = 1; i <= MAX_SLOWEST + 10; i++) kept.add(row(i * 10));
    kept.add(row(150, 'tie'));
    const all = kept.slowest(1000);
    expect(all).toHaveLength(MAX_SLOWEST);
    expect(all[0]!.durationMs).toBe((MAX_SLOWEST + 10) * 10);
    expect(all.map((r) => r.durationMs)).toEqual([...all.map((r) => r.durationMs)].sort((a, b) => b - a));
    expect(all.at(-1)!.durationMs).toBe(120); // 10…110 were pushed out (110 by the tie at 150)
    const ties = all.filter((r) => r.durationMs === 150).map((r) => r.traceId);
    expect(ties).toEqual(['t150', 'tie']);
  });

  it('n that is not a positive integer gives no rows or the floor; clear() forgets', () => {
    const kept = new SlowestInteractions();
    kept.add(row(50));
    kept.add(row(70));
    expect(kept.slowest(-1)).toEqual([]);
    expect(kept.slowest(Number.NaN)).toEqual([]);
    expect(kept.slowest(1.9).map((r) => r.durationMs)).toEqual([70]);
    kept.clear();
    expect(kept.slowest(5)).toEqual([]);
  });
});
