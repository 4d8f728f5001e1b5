import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// CI runs the benchmarks only as a smoke (timings are never asserted: they are for npm run bench).
describe('npm run bench:quick', () => {
  it('runs every benchmark script and writes the results JSON', { timeout: 240_000 }, () => {
    const out = execFileSync(process.execPath, ['--expose-gc', 'bench/run.js', '--quick'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 230_000,
    });
    const file = /wrote (\S+\.json)/.exec(out)?.[1];
    expect(file).toBeDefined();
    const results = JSON.parse(readFileSync(file!, 'utf8')) as Record<string, unknown>;
    expect(Object.keys((results.core as Record<string, unknown>) ?? {})).toEqual([
      'track',
      'budgetCheck',
      'statsMemoryBytesPerOperation',
      'report',
    ]);
    for (const script of [
      'signals-write.js',
      'react-render.js',
      'table-sort.js',
      'throughput.js',
      'peers.js',
      'vitals.js',
    ])
      expect(results[script], script).toBe('ok');
    expect(out).toMatch(/frametel track\(\)\s+[\d.]+ µs/);
    expect(out).toMatch(/highest offered rate with zero drops: \d+\/s/);
    expect(out).toMatch(/added by frametel\/vitals: -?[\d.]+ percentage points/);
    expect(out).toMatch(/frametel web-vitals report\s+[\d.]+ µs/);
  });
});
