import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JS shared with the bench
import { BUNDLES } from '../../bench/lib/bundle.js';

/**
 * The layering of docs/architecture.md, enforced: the core knows no framework and no overlay,
 * devtools finds its sources by shape, instrumentations do not reach into each other; and every
 * package.json export is measured against a size budget.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module a file imports (static, dynamic, type-only and re-exports), relative ones resolved to src paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => (s.startsWith('.') ? relative(src, resolve(dirname(file), s)).replace(/\.js$/, '.ts') : s));
}

/** `instrumentations/react/x.ts` → `instrumentations/react`; `devtools/x.ts` → `devtools`; others → `core`. */
function area(path: string): string {
  const [top, sub] = path.split('/');
  if (top === 'instrumentations' && sub && !sub.endsWith('.ts')) return `instrumentations/${sub}`;
  if (top === 'devtools') return 'devtools';
  return 'core';
}

const FRAMEWORKS = /^(react|react-dom|preact|@preact\/|signal-polyfill|@tanstack\/|vue|solid-js|@angular\/|@sentry\/)/;

const files = sourceFiles(src).map((f) => ({ path: relative(src, f), imports: importsOf(f) }));

describe('what may import what (docs/architecture.md)', () => {
  it('sees the source tree', () => expect(files.length).toBeGreaterThan(50));

  it('the core imports no instrumentation and no devtools code, types included', () => {
    const offending = files
      .filter((f) => area(f.path) === 'core')
      .flatMap((f) => f.imports.filter((i) => /^(instrumentations|devtools)\//.test(i)).map((i) => `${f.path} → ${i}`));
    expect(offending).toEqual([]);
  });

  it('the core imports no UI framework or vendor SDK package', () => {
    const offending = files
      .filter((f) => area(f.path) === 'core')
      .flatMap((f) => f.imports.filter((i) => FRAMEWORKS.test(i)).map((i) => `${f.path} → ${i}`));
    expect(offending).toEqual([]);
  });

  it('devtools finds its sources by shape: it imports no instrumentation', () => {
    const offending = files
      .filter((f) => area(f.path) === 'devtools')
      .flatMap((f) => f.imports.filter((i) => i.startsWith('instrumentations/')).map((i) => `${f.path} → ${i}`));
    expect(offending).toEqual([]);
  });

  it('an instrumentation imports neither devtools nor another instrumentation', () => {
    const offending = files
      .filter((f) => area(f.path).startsWith('instrumentations/'))
      .flatMap((f) =>
        f.imports
          .filter((i) => i.startsWith('devtools/') || (i.startsWith('instrumentations/') && area(i) !== area(f.path)))
          .map((i) => `${f.path} → ${i}`),
      );
    expect(offending).toEqual([]);
  });
});

describe('every package.json export is a measured bundle with a size budget', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const budget = JSON.parse(readFileSync(join(root, 'bench/size-budget.json'), 'utf8')) as Record<string, number>;
  const bundles = BUNDLES as Record<string, { code: string }>;
  const entries = Object.keys(pkg.exports)
    .filter((k) => k !== './package.json')
    .map((k) => (k === '.' ? 'frametel' : `frametel/${k.slice(2)}`));

  it.each(entries)('%s', (entry) => {
    // A bundle whose code imports exactly this entry point ('frametel/errors', not 'frametel/errors/react').
    const measured = Object.keys(bundles).filter((name) => bundles[name]!.code.includes(`from '${entry}'`));
    expect(measured, `add a bundle importing '${entry}' to bench/lib/bundle.js`).not.toEqual([]);
    for (const name of measured) expect(budget[name], `add "${name}" to bench/size-budget.json`).toBeGreaterThan(0);
  });
});
