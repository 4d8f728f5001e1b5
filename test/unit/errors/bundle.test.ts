import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = (file: string) => fileURLToPath(new URL(`../../../src/instrumentations/errors/${file}`, import.meta.url));

/** Packages an app's browser bundle pulls in through this entry point (esbuild's metafile inputs). */
async function packagesOf(file: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry(file)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    metafile: true,
    logLevel: 'silent',
    external: ['@opentelemetry/*'],
  });
  const names = Object.keys(result.metafile.inputs)
    .map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1])
    .filter((n): n is string => !!n);
  return [...new Set(names)].sort();
}

describe('frametel/errors keeps Sentry and React out of apps that do not use them', () => {
  it('frametel/errors bundles only error-stack-parser (and its stackframe) besides OTel', async () => {
    const pkgs = await packagesOf('index.ts');
    expect(pkgs.filter((p) => p.startsWith('@sentry/') || p === 'react')).toEqual([]);
    expect(pkgs).toContain('error-stack-parser');
  });

  it('frametel/errors/sentry is where @sentry/core comes in; frametel/errors/react is where React does', async () => {
    expect(await packagesOf('sentry-index.ts')).toContain('@sentry/core');
    expect(await packagesOf('react-index.ts')).toContain('react');
  });
});
