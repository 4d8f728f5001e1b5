import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/node-uncaught.mjs', import.meta.url));
// Uncaught errors end the process: each case runs in its own `node` (against dist: npm test builds first).
const run = (mode: 'rejection' | 'exception', frametel: boolean) => {
  const r = spawnSync(process.execPath, [fixture, mode, frametel ? 'frametel' : 'none'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  const records = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, stderrFirstLines: r.stderr.split('\n').slice(0, 3).join('\n'), records };
};

describe('ErrorInstrumentation in Node (uncaughtExceptionMonitor)', () => {
  it.each([
    ['rejection', 'process.unhandledRejection', 'Error', 'nobody awaits me'],
    ['exception', 'process.uncaughtException', 'RangeError', 'thrown from a timer'],
  ] as const)(
    'records an unhandled %s as a log record and leaves Node’s crash exactly as it was',
    (mode, source, type, message) => {
      const plain = run(mode, false);
      const instrumented = run(mode, true);
      expect(plain.status).toBe(1);
      expect(instrumented.status).toBe(plain.status);
      expect(instrumented.stderrFirstLines).toBe(plain.stderrFirstLines);
      expect(plain.records).toEqual([]);
      expect(instrumented.records).toHaveLength(1);
      expect(instrumented.records[0]).toMatchObject({
        event: 'exception',
        'exception.type': type,
        'exception.message': message,
        'ui.error.source': source,
        'ui.error.handled': false,
      });
      expect((instrumented.records[0]!['ui.error.frames'] as string[])[0]).toContain('node-uncaught.mjs');
    },
  );
});
