import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = (file: string) =>
  fileURLToPath(
    new URL(file.startsWith('/') ? `../../..${file}` : `../../../src/instrumentations/errors/${file}`, import.meta.url),
  );

/**
 * @sentry/opentelemetry 11 imports `node:async_hooks` at the top (for its Node context manager,
 * which the browser never constructs); browser bundlers must map it to an empty module, as Vite
 * does by itself and as the README tells esbuild/webpack users to do.
 */
const nodeBuiltinsEmpty: Plugin = {
  name: 'node-builtins-empty',
  setup(b) {
    b.onResolve({ filter: /^node:async_hooks$/ }, () => ({ path: 'async_hooks', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export class AsyncLocalStorage {}' }));
  },
};

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
    plugins: [nodeBuiltinsEmpty],
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

  it('frametel (register, with its propagator composition) bundles no Sentry code', async () => {
    const pkgs = await packagesOf('/dist/index.js');
    expect(pkgs.filter((p) => p.startsWith('@sentry/'))).toEqual([]);
  });

  it('frametel/errors/sentry is where @sentry/core and @sentry/opentelemetry (SentryPropagator) come in', async () => {
    const pkgs = await packagesOf('sentry-index.ts');
    expect(pkgs).toContain('@sentry/core');
    expect(pkgs).toContain('@sentry/opentelemetry');
  });

  it('frametel/errors/react is where React comes in', async () => {
    expect(await packagesOf('react-index.ts')).toContain('react');
  });
});
