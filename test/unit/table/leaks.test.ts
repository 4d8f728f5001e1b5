import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/leaks.mjs', import.meta.url));
// Real garbage collection needs its own `node --expose-gc` process (against dist: npm test builds first).
const run = (mode: string) =>
  JSON.parse(execFileSync(process.execPath, ['--expose-gc', fixture, mode], { encoding: 'utf8' })) as {
    rows: Array<[string, number]>;
    columns: Array<[string, number]>;
  };

describe('ui.table.rows.leaked / ui.table.columns.leaked (real GC)', () => {
  it('counts rows and columns that left the model but are still held by the app', () => {
    const leak = run('leak');
    expect(leak.rows).toEqual([['cache', 2000]]); // two replaced generations of 1000 rows
    expect(leak.columns).toEqual([['cache', 3]]); // 1 + 2 columns of the replaced column sets
  });

  it('reports none when the app lets them go (control run)', () => {
    const control = run('control');
    expect(control.rows).toEqual([['cache', 0]]);
    expect(control.columns).toEqual([['cache', 0]]);
  });
});
