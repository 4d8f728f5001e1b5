import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// React 18 cannot sit beside React 19 in the project's node_modules (react-dom's peer
// dependency), so it is installed once into the frametel cache and loaded through a resolve hook.
const dir = join(process.env.FRAMETEL_CACHE_DIR || join(homedir(), '.cache', 'frametel'), 'react18');
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('React 18 (real react-dom 18.3)', () => {
  it('RenderBoundary spans and auto-mode counts work the same as on 19', { timeout: 180_000 }, () => {
    if (!existsSync(join(dir, 'node_modules/react-dom/package.json'))) {
      mkdirSync(dir, { recursive: true });
      console.log(`installing react@18.3.1 and react-dom@18.3.1 into ${dir}`);
      execFileSync(
        'npm',
        [
          'install',
          '--prefix',
          dir,
          '--no-save',
          '--no-package-lock',
          '--no-audit',
          '--no-fund',
          'react@18.3.1',
          'react-dom@18.3.1',
        ],
        { stdio: 'inherit' },
      );
    }
    const out = execFileSync(
      process.execPath,
      ['--import', join(fixtures, 'react18-register.mjs'), join(fixtures, 'react18.mjs')],
      {
        encoding: 'utf8',
        env: { ...process.env, REACT18_DIR: join(dir, 'node_modules') },
      },
    );
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
      react: string;
      text: string;
      boundarySpans: string[];
      renders: Array<[string, string, number]>;
      unmounts: string[];
    };
    expect(r.react).toBe('18.3.1');
    expect(r.text).toBe('2static');
    expect(r.boundarySpans).toEqual(['mount', 'update']);
    expect(r.renders).toEqual(
      expect.arrayContaining([
        ['Cart', 'mount', 1],
        ['Cart', 'update', 1],
        ['Price', 'mount', 1],
        ['Price', 'update', 1],
        ['Static', 'mount', 1],
      ]),
    );
    expect(r.renders.find(([name, phase]) => name === 'Static' && phase === 'update')).toBeUndefined();
    expect(r.unmounts).toEqual(expect.arrayContaining(['Cart', 'Price', 'Static']));
  });
});
