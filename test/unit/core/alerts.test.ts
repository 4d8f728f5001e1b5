import { describe, expect, it, vi } from 'vitest';
import { AlertDispatcher } from '../../../src/alerts/dispatcher.js';
import { consoleAlerts, customAlerts } from '../../../src/alerts/destinations.js';
import type { Alert, AlertDestination } from '../../../src/alerts/types.js';
import type { BudgetViolation } from '../../../src/budgets/types.js';
import { createDiagnostics } from '../../../src/diagnostics.js';

const violation = (over: Partial<BudgetViolation> = {}): BudgetViolation => ({
  operation: 'table.sort',
  actual: 80,
  budget: 50,
  severity: 'warning',
  impact: 'userVisible',
  timestamp: 1_000_000,
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  ...over,
});

function recorder(name = 'rec') {
  const got: Alert[] = [];
  const destination: AlertDestination = { name, send: (v) => void got.push(v as Alert) };
  return { got, destination };
}

describe('AlertDispatcher', () => {
  it('is inactive and sends nothing without destinations', async () => {
    const d = createDiagnostics();
    const dispatcher = new AlertDispatcher({}, d);
    expect(dispatcher.active).toBe(false);
    await dispatcher.dispatch(violation());
    expect(d.alertsSent).toBe(0);
  });

  it('sends below-threshold severities nowhere and the rest to every destination, each its own copy', async () => {
    const d = createDiagnostics();
    const a = recorder('a');
    const b = recorder('b');
    const dispatcher = new AlertDispatcher(
      { destinations: [a.destination, b.destination], minSeverity: 'error', throttleMs: 0 },
      d,
    );
    await dispatcher.dispatch(violation({ severity: 'warning' }));
    await dispatcher.dispatch(violation({ severity: 'critical' }));
    expect(a.got.map((x) => x.severity)).toEqual(['critical']);
    expect(b.got).toHaveLength(1);
    expect(a.got[0]).not.toBe(b.got[0]);
    expect(a.got[0]).toMatchObject({ operation: 'table.sort', suppressed: 0, traceId: 'a'.repeat(32) });
    expect(d.alertsSent).toBe(2);
  });

  it('throttles per operation:subject by the violation timestamps and reports the suppressed count in the next alert', async () => {
    const d = createDiagnostics();
    const r = recorder();
    const dispatcher = new AlertDispatcher({ destinations: [r.destination], throttleMs: 1000 }, d);
    await dispatcher.dispatch(violation({ timestamp: 0 }));
    await dispatcher.dispatch(violation({ timestamp: 500 }));
    await dispatcher.dispatch(violation({ timestamp: 999 }));
    // Another subject of the same operation has its own window.
    await dispatcher.dispatch(violation({ timestamp: 600, subject: 'Orders' }));
    await dispatcher.dispatch(violation({ timestamp: 1000 }));
    expect(r.got.map((x) => [x.subject ?? '-', x.timestamp, x.suppressed])).toEqual([
      ['-', 0, 0],
      ['Orders', 600, 0],
      ['-', 1000, 2],
    ]);
    expect(d.alertsSuppressed).toBe(2);
    expect(d.alertsSent).toBe(3);
  });

  it('uses the documented defaults: warning and up, one alert per second per key', async () => {
    const d = createDiagnostics();
    const r = recorder();
    const dispatcher = new AlertDispatcher({ destinations: [r.destination] }, d);
    await dispatcher.dispatch(violation({ timestamp: 0 }));
    await dispatcher.dispatch(violation({ timestamp: 999 }));
    await dispatcher.dispatch(violation({ timestamp: 1000 }));
    expect(r.got.map((x) => x.timestamp)).toEqual([0, 1000]);
  });

  it('counts a destination that throws or rejects, never rejects itself, and still serves the others', async () => {
    const d = createDiagnostics();
    const r = recorder();
    const throwing: AlertDestination = {
      name: 'throws',
      send: () => {
        throw new Error('down');
      },
    };
    const rejecting: AlertDestination = { name: 'rejects', send: () => Promise.reject(new Error('down')) };
    const dispatcher = new AlertDispatcher({ destinations: [throwing, rejecting, r.destination], throttleMs: 0 }, d);
    await expect(dispatcher.dispatch(violation())).resolves.toBeUndefined();
    expect(d.alertErrors).toBe(2);
    expect(d.alertsSent).toBe(1);
    expect(r.got).toHaveLength(1);
  });

  it('does not count an alert as sent before an async destination has finished', async () => {
    const d = createDiagnostics();
    let release!: () => void;
    const slow: AlertDestination = { name: 'slow', send: () => new Promise<void>((res) => (release = res)) };
    const sent = new AlertDispatcher({ destinations: [slow], throttleMs: 0 }, d).dispatch(violation());
    await Promise.resolve();
    expect(d.alertsSent).toBe(0);
    release();
    await sent;
    expect(d.alertsSent).toBe(1);
  });
});

describe('alert destinations', () => {
  it('consoleAlerts: warnings to console.warn, error and critical to console.error, one line each', () => {
    const out = { warn: vi.fn(), error: vi.fn() };
    const dest = consoleAlerts({ console: out });
    expect(dest.name).toBe('console');
    dest.send({ ...violation({ subject: 'Orders', actual: 80.26 }), suppressed: 3 } as Alert);
    dest.send({ ...violation({ severity: 'critical' }), suppressed: 0 } as Alert);
    expect(out.warn.mock.calls).toEqual([
      [
        `[frametel] warning: table.sort (Orders) took 80.3 ms, budget 50 ms; trace ${'a'.repeat(32)} (+3 similar suppressed)`,
      ],
    ]);
    expect(out.error.mock.calls).toEqual([
      [`[frametel] critical: table.sort took 80.0 ms, budget 50 ms; trace ${'a'.repeat(32)}`],
    ]);
  });

  it('customAlerts: hands each alert to the function, with the given name', async () => {
    const seen: Alert[] = [];
    const dest = customAlerts(async (a) => void seen.push(a), 'pager');
    expect(dest.name).toBe('pager');
    await dest.send({ ...violation(), suppressed: 1 } as Alert);
    expect(seen).toEqual([{ ...violation(), suppressed: 1 }]);
    expect(customAlerts(() => {}).name).toBe('custom');
  });
});
