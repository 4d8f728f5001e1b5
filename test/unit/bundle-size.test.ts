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

// Issue 14: "≤ 2 KB gz for this module's own code", for persistence. The row leaves out only what
// both parts of delivery import (so it is not persistence's own), which these tests hold to.
describe("delivery's persistence, own code", () => {
  const persistence = 'frametel delivery: persistence (own code, without idb-keyval)';
  const unload = 'frametel delivery: unload flush (own code)';
  type Meta = { metafile: { inputs: Record<string, { imports: { path: string; external?: boolean }[] }> } };
  /** The files bundled and the relative imports left external. */
  const parts = async (name: string) => {
    const { metafile } = (await measureBundle(bundles[name]!)) as Meta;
    const inputs = Object.keys(metafile.inputs);
    const shared = Object.values(metafile.inputs)
      .flatMap((i) => i.imports)
      .filter((i) => i.external && i.path.startsWith('./'))
      .map((i) => i.path);
    return { inputs, shared: [...new Set(shared)].sort() };
  };

  it('is at most 2048 B min+gzip', async () => {
    const size = (await measureBundle(bundles[persistence]!)) as { gzip: number };
    expect(size.gzip).toBeLessThanOrEqual(2048);
  });

  it('holds the store, re-sending and record ids, and leaves out only modules the unload flush imports too', async () => {
    const own = await parts(persistence);
    for (const file of ['persistence.js', 'store.js', 'record-id.js'])
      expect(own.inputs).toContain(`dist/delivery/${file}`);
    const flush = await parts(unload);
    expect(own.shared).toEqual(['./payload.js', './transport.js']);
    expect(flush.shared).toEqual(own.shared);
  });
});
