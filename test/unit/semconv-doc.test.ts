import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as semconv from '../../src/semconv.js';

const doc = readFileSync(new URL('../../docs/semantic-conventions.md', import.meta.url), 'utf8');
const documented = new Set([...doc.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!));

describe('src/semconv.ts and docs/semantic-conventions.md agree', () => {
  const names = Object.entries(semconv).filter((e) => typeof e[1] === 'string') as Array<[string, string]>;

  it('exports names', () => expect(names.length).toBeGreaterThan(30));

  it.each(names)('%s (%s) is documented', (_constant, name) => {
    expect(documented.has(name), `add \`${name}\` to docs/semantic-conventions.md`).toBe(true);
  });

  it('documents no ui.* name that semconv.ts lacks', () => {
    const known = new Set(names.map(([, n]) => n));
    const undocumentedInCode = [...documented].filter((n) => /^ui\.[a-z_.]+$/.test(n) && !known.has(n));
    expect(undocumentedInCode).toEqual([]);
  });

  it('the histogram buckets in the doc match DURATION_BUCKETS_S', () => {
    expect(semconv.DURATION_BUCKETS_S[0]).toBe(0.0005);
    expect(semconv.DURATION_BUCKETS_S.at(-1)).toBe(10);
    expect(doc).toContain('0.5 ms … 10 s');
  });
});
