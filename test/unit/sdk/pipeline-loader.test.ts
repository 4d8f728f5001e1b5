import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiagnostics } from '../../../src/diagnostics.js';
import { PIPELINE_RETRY_DELAY_MS, PipelineLoader } from '../../../src/sdk/pipeline-loader.js';

/** A chunk whose arrival the test decides: each load attempt is answered by the test. */
function deferredChunk() {
  const attempts: Array<{ arrive: (v: string) => void; fail: (e: Error) => void }> = [];
  const load = () =>
    new Promise<string>((arrive, fail) => {
      attempts.push({ arrive, fail });
    });
  return { load, attempts };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PipelineLoader: one load of the pipeline chunk, one retry, then give up', () => {
  it('loads once however many ask, and every caller gets the same chunk', async () => {
    const chunk = deferredChunk();
    const loader = new PipelineLoader(chunk.load, createDiagnostics());
    const a = loader.ready();
    const b = loader.ready();
    expect(chunk.attempts).toHaveLength(1);
    chunk.attempts[0]!.arrive('chunk');
    await expect(Promise.all([a, b])).resolves.toEqual(['chunk', 'chunk']);
    await expect(loader.ready()).resolves.toBe('chunk');
    expect(chunk.attempts).toHaveLength(1);
  });

  it('a failed load is counted and retried once after PIPELINE_RETRY_DELAY_MS; the retry delivers', async () => {
    vi.useFakeTimers();
    const diagnostics = createDiagnostics();
    const chunk = deferredChunk();
    const gaveUp = vi.fn();
    const loader = new PipelineLoader(chunk.load, diagnostics, gaveUp);
    const ready = loader.ready();
    chunk.attempts[0]!.fail(new TypeError('Failed to fetch dynamically imported module: /assets/pipeline-chunk.js'));
    await vi.advanceTimersByTimeAsync(0);
    expect(diagnostics.exportPipelineLoadFailures).toBe(1);
    await vi.advanceTimersByTimeAsync(PIPELINE_RETRY_DELAY_MS - 1);
    expect(chunk.attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(chunk.attempts).toHaveLength(2);
    chunk.attempts[1]!.arrive('chunk');
    await expect(ready).resolves.toBe('chunk');
    expect(diagnostics.exportPipelineLoadFailures).toBe(1);
    expect(gaveUp).not.toHaveBeenCalled();
  });

  it('after the retry fails too: both counted, onGiveUp called once, every caller rejected, no third attempt', async () => {
    vi.useFakeTimers();
    const diagnostics = createDiagnostics();
    let attempts = 0;
    const gaveUp = vi.fn();
    const loader = new PipelineLoader<string>(
      () => {
        attempts++;
        throw new Error(`chunk 404 (attempt ${attempts})`);
      },
      diagnostics,
      gaveUp,
    );
    const ready = loader.ready();
    const settled = ready.catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(PIPELINE_RETRY_DELAY_MS);
    await expect(settled).resolves.toBe('chunk 404 (attempt 2)');
    expect(attempts).toBe(2);
    expect(diagnostics.exportPipelineLoadFailures).toBe(2);
    expect(gaveUp).toHaveBeenCalledTimes(1);
    await expect(loader.ready()).rejects.toThrow('chunk 404 (attempt 2)');
    expect(attempts).toBe(2);
    expect(gaveUp).toHaveBeenCalledTimes(1);
  });

  it('loadWhenIdle without a document (Node, workers) loads on the next tick', async () => {
    vi.useFakeTimers();
    const chunk = deferredChunk();
    new PipelineLoader(chunk.load, createDiagnostics()).loadWhenIdle();
    expect(chunk.attempts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(chunk.attempts).toHaveLength(1);
  });
});
