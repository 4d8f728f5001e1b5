import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { type Frametel, register } from '../../../src/index.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
const settle = () => new Promise((r) => setTimeout(r, 20));

let ft: Frametel | undefined;
const start = () =>
  register({
    serviceName: 'unit',
    endpoint: false,
    budgets: { 'slow.op': 0.001 },
    exporters: { traces: [new InMemorySpanExporter()] },
  });
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  unhandled.length = 0;
  await ft?.shutdown();
});

describe('async budgetViolation listeners', () => {
  it('a rejecting async listener (and a thenable whose then() throws) is counted, never an unhandled rejection', async () => {
    process.on('unhandledRejection', onUnhandled);
    ft = start();
    const delivered: string[] = [];
    ft.on('budgetViolation', async (v) => {
      delivered.push(`async ${v.operation}`);
      throw new Error('listener failed later');
    });
    ft.on('budgetViolation', () => ({
      // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the case under test
      then() {
        throw new Error('broken thenable');
      },
    }));
    ft.on('budgetViolation', (v) => {
      delivered.push(`sync ${v.operation}`);
    });
    ft.track('slow.op', () => busy(1));
    await ft.forceFlush();
    await settle();
    expect(delivered).toEqual(['async slow.op', 'sync slow.op']);
    expect(ft.diagnostics().listenerErrors).toBe(2);
    expect(unhandled).toEqual([]);
  });

  it('a listener whose promise resolves is not an error', async () => {
    ft = start();
    let done = false;
    ft.on('budgetViolation', async () => {
      await settle();
      done = true;
    });
    ft.track('slow.op', () => busy(1));
    await ft.forceFlush();
    await settle();
    await settle();
    expect(done).toBe(true);
    expect(ft.diagnostics().listenerErrors).toBe(0);
  });
});
