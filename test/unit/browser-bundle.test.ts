import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// What an app's bundler does with frametel: this caught @datadog/sketches-js's lazy
// require('protobufjs/minimal') breaking every browser build. Runs against dist (npm test builds first).
describe('frametel bundles for the browser with no extra bundler config', () => {
  it.each(['frametel', 'frametel/budgets', 'frametel/vitals'])('%s', async (specifier) => {
    expect(existsSync(`${root}dist/index.js`), 'run npm run build first').toBe(true);
    const result = await build({
      stdin: { contents: `export * from '${specifier}';`, resolveDir: root, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((f) => /protobufjs|node:|node_modules\/@opentelemetry\/context-async-hooks/.test(f))).toEqual(
      [],
    );
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\(["']protobufjs/);
  });

  it('frametel/errors carries no Sentry code (the bridge is its own entry point)', async () => {
    const result = await build({
      stdin: { contents: `export * from 'frametel/errors';`, resolveDir: root, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs).filter((f) => f.includes('@sentry'))).toEqual([]);
  });

  it('the bundled sketch still computes percentiles (the protobuf stub is never touched)', async () => {
    const { OperationStats } = (await import(
      `${root}dist/stats/operation-stats.js`
    )) as typeof import('../../src/stats/operation-stats.js');
    const stats = new OperationStats();
    for (let i = 1; i <= 1000; i++) stats.record('op', i);
    const m = stats.get('op')!;
    expect(Math.abs(m.p95 - 950) / 950).toBeLessThanOrEqual(0.01);
  });
});
