import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Bundled the way an app's bundler would (esbuild, through the package's exports and its
// "sideEffects": false), from dist/: npm test builds it first.
const root = fileURLToPath(new URL('../../..', import.meta.url));

async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minify: false,
    logLevel: 'silent',
    external: ['@opentelemetry/*'],
  });
  return result.outputFiles[0]!.text;
}

describe('frametel/devtools costs nothing unless used', () => {
  it('an app that only registers carries no overlay, span buffer, recording or replay code', async () => {
    const out = await bundle(`import { register } from 'frametel'; register({ serviceName: 'app' });`);
    expect(out).not.toContain('data-frametel-overlay');
    expect(out).not.toContain('attachShadow');
    expect(out).not.toContain('SpanRingBuffer');
    expect(out).not.toContain('frametel.recording');
    expect(out).not.toContain('replaySession');
  });

  it('importing frametel/devtools/replay without calling it leaves nothing behind', async () => {
    const out = await bundle(
      `import { recordSession, replaySession, sessionSection } from 'frametel/devtools/replay';`,
    );
    expect(out.replace(/\/\/.*$/gm, '').trim()).toBe('');
  });

  it('the overlay alone carries no recorder or replayer; they come with frametel/devtools/replay', async () => {
    const overlay = await bundle(`import { mountOverlay } from 'frametel/devtools'; mountOverlay(globalThis.ft);`);
    expect(overlay).not.toContain('frametel.recording');
    const replay = await bundle(
      `import { replaySession } from 'frametel/devtools/replay'; replaySession(globalThis.rec, {});`,
    );
    expect(replay).toContain('frametel.recording');
    expect(replay).not.toContain('data-frametel-overlay');
  });

  it('importing frametel/devtools without calling mountOverlay leaves nothing behind (no side effects at import)', async () => {
    const out = await bundle(`import { mountOverlay } from 'frametel/devtools';`);
    expect(out.replace(/\/\/.*$/gm, '').trim()).toBe('');
  });

  it('mountOverlay is in the bundle once it is called', async () => {
    const out = await bundle(`import { mountOverlay } from 'frametel/devtools'; mountOverlay(globalThis.ft);`);
    expect(out).toContain('data-frametel-overlay');
  });
});
