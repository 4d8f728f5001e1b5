import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JS shared with the bench
import { BUNDLES, measureBundle } from '../../bench/lib/bundle.js';

const budget = JSON.parse(readFileSync(new URL('../../bench/size-budget.json', import.meta.url), 'utf8')) as Record<
  string,
  number
>;
const bundles = BUNDLES as Record<string, { code: string; external?: string[] }>;

// Deterministic (same inputs, same esbuild): the check CI runs instead of timing anything.
describe('browser bundle sizes stay within bench/size-budget.json (min+gzip)', () => {
  it('every bundle has a budget and every budget a bundle', () => {
    expect(
      Object.keys(budget)
        .filter((k) => k !== '$comment')
        .sort(),
    ).toEqual(Object.keys(bundles).sort());
  });

  it.each(Object.keys(bundles))('%s', async (name) => {
    const size = (await measureBundle(bundles[name]!)) as { gzip: number };
    expect(size.gzip, `${name}: ${size.gzip} B gz > budget ${budget[name]} B`).toBeLessThanOrEqual(budget[name]!);
  });
});
