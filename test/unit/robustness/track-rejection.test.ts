import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/node-track-rejection.mjs', import.meta.url));
// An unhandled rejection ends the process: each case runs in its own `node` (against dist: npm test builds first).
const run = (how: 'bare' | 'tracked', mode: 'awaited' | 'unawaited' | 'observed', context = 'stack') => {
  const r = spawnSync(process.execPath, [fixture, how, mode, context], { encoding: 'utf8', timeout: 20_000 });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const stderr = r.stderr.split('\n').find((l) => l.startsWith('TypeError'));
  return {
    status: r.status,
    stderr,
    events: lines.filter((l) => 'event' in l),
    spans: lines.filter((l) => 'span' in l),
  };
};

describe('ft.track() leaves the app’s rejected promise behaving as without frametel', () => {
  it('an un-awaited rejection still ends Node the same way: exit code 1, the same error on stderr', () => {
    const bare = run('bare', 'unawaited');
    const tracked = run('tracked', 'unawaited');
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('TypeError: async failure');
    expect(tracked.status).toBe(bare.status);
    expect(tracked.stderr).toBe(bare.stderr);
  });

  it('an un-awaited rejection is still unhandled: the same unhandledRejection event, and the span records it', () => {
    const bare = run('bare', 'observed');
    const tracked = run('tracked', 'observed');
    expect(bare.events).toEqual([{ event: 'unhandledRejection', message: 'async failure', isReturnedPromise: true }]);
    // The promise Node reports is the one track() gave the app, carrying the same reason.
    expect(tracked.events).toEqual(bare.events);
    expect(tracked.spans).toEqual([
      { span: 'checkout', status: 2, exception: expect.objectContaining({ 'exception.message': 'async failure' }) },
    ]);
  });

  it('the same with AsyncLocalStorage as context manager (its async hooks give every promise symbol ids)', () => {
    const bare = run('bare', 'observed', 'als');
    const tracked = run('tracked', 'observed', 'als');
    expect(bare.events).toEqual([{ event: 'unhandledRejection', message: 'async failure', isReturnedPromise: true }]);
    expect(tracked.events).toEqual(bare.events);
    expect(run('tracked', 'unawaited', 'als').status).toBe(1);
  });

  it('an awaited rejection is caught by the app, raises nothing, and is recorded on the span', () => {
    const bare = run('bare', 'awaited');
    const tracked = run('tracked', 'awaited');
    expect(bare.status).toBe(0);
    expect(bare.events).toEqual([{ event: 'caught', message: 'async failure' }]);
    expect(tracked.status).toBe(0);
    expect(tracked.events).toEqual(bare.events);
    expect(tracked.spans).toEqual([
      {
        span: 'checkout',
        status: 2,
        exception: expect.objectContaining({ 'exception.type': 'TypeError', 'exception.message': 'async failure' }),
      },
    ]);
  });
});

describe('ft.track() with promises that carry their own API', () => {
  it('a promise subclass or a promise with own members is returned as it is, and still timed', async () => {
    const { register } = await import('../../../src/index.js');
    const { InMemorySpanExporter } = await import('@opentelemetry/sdk-trace-base');
    const spans = new InMemorySpanExporter();
    const ft = register({ serviceName: 'unit', endpoint: false, exporters: { traces: [spans] } });
    class Cancellable<T> extends Promise<T> {
      cancel() {
        return 'cancelled';
      }
    }
    const sub = new Cancellable<number>((resolve) => setTimeout(() => resolve(1), 5));
    const withHandle = Object.assign(Promise.resolve(2), { abort: () => 'aborted' });
    expect(ft.track('sub', () => sub)).toBe(sub);
    expect(ft.track('handle', () => withHandle)).toBe(withHandle);
    expect(await sub).toBe(1);
    await ft.forceFlush();
    expect(
      spans
        .getFinishedSpans()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['handle', 'sub']);
    await ft.shutdown();
  });
});
