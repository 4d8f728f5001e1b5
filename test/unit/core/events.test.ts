import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BudgetViolation } from '../../../src/budgets/types.js';
import { createDiagnostics } from '../../../src/diagnostics.js';
import { EventHub, FRAMETEL_EVENT_NAMES } from '../../../src/events.js';

const v = (operation = 'op'): BudgetViolation => ({
  operation,
  actual: 2,
  budget: 1,
  severity: 'warning',
  impact: 'userVisible',
  timestamp: 1,
  traceId: 't',
  spanId: 's',
});
const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => vi.restoreAllMocks());

describe('EventHub: listeners run after the operation, never inside it', () => {
  it('knows budgetViolation as its one event', () => expect(FRAMETEL_EVENT_NAMES).toEqual(['budgetViolation']));

  it('delivers after the current task, in emit order, each listener its own copy', async () => {
    const hub = new EventHub(createDiagnostics());
    const seen: string[] = [];
    const payloads: BudgetViolation[] = [];
    hub.on('budgetViolation', (p) => {
      seen.push(`a:${p.operation}`);
      payloads.push(p);
      p.operation = 'mutated';
    });
    hub.on('budgetViolation', (p) => {
      seen.push(`b:${p.operation}`);
      payloads.push(p);
    });
    const original = v('first');
    hub.emit('budgetViolation', original);
    hub.emit('budgetViolation', v('second'));
    expect(seen).toEqual([]);
    await tick();
    expect(seen).toEqual(['a:first', 'b:first', 'a:second', 'b:second']);
    expect(original.operation).toBe('first');
    expect(payloads[0]).not.toBe(payloads[1]);
  });

  it('a throwing listener is counted and the others still run', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const d = createDiagnostics();
    const hub = new EventHub(d);
    const after = vi.fn();
    hub.on('budgetViolation', () => {
      throw new Error('listener bug');
    });
    hub.on('budgetViolation', after);
    hub.emit('budgetViolation', v());
    await tick();
    expect(after).toHaveBeenCalledTimes(1);
    expect(d.listenerErrors).toBe(1);
  });

  it('off() stops delivery; the same function added twice runs once', async () => {
    const hub = new EventHub(createDiagnostics());
    const fn = vi.fn();
    hub.on('budgetViolation', fn);
    hub.on('budgetViolation', fn);
    hub.emit('budgetViolation', v());
    await tick();
    hub.off('budgetViolation', fn);
    hub.emit('budgetViolation', v());
    await tick();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('queues nothing while nobody listens', async () => {
    const d = createDiagnostics();
    const hub = new EventHub(d);
    for (let i = 0; i < 20_000; i++) hub.emit('budgetViolation', v());
    const late = vi.fn();
    hub.on('budgetViolation', late);
    await tick();
    expect(late).not.toHaveBeenCalled();
    expect(d.eventsDropped).toBe(0);
  });

  it('drops and counts events past 10 000 undelivered ones', async () => {
    const d = createDiagnostics();
    const hub = new EventHub(d);
    const fn = vi.fn();
    hub.on('budgetViolation', fn);
    for (let i = 0; i < 10_005; i++) hub.emit('budgetViolation', v());
    expect(d.eventsDropped).toBe(5);
    await tick();
    expect(fn).toHaveBeenCalledTimes(10_000);
  });

  it('flush() delivers now and waits for the sink (alerts); a failing sink is counted', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const d = createDiagnostics();
    const done: string[] = [];
    const hub = new EventHub(d, async (_e, p) => {
      await new Promise((r) => setTimeout(r, 5));
      if (p.operation === 'bad') throw new Error('sink down');
      done.push(p.operation);
    });
    hub.emit('budgetViolation', v('ok'));
    hub.emit('budgetViolation', v('bad'));
    await hub.flush();
    expect(done).toEqual(['ok']);
    expect(d.internalErrors).toBe(1);
  });

  it('clear() drops queued events and listeners', async () => {
    const hub = new EventHub(createDiagnostics());
    const fn = vi.fn();
    hub.on('budgetViolation', fn);
    hub.emit('budgetViolation', v());
    hub.clear();
    await tick();
    hub.emit('budgetViolation', v());
    await tick();
    expect(fn).not.toHaveBeenCalled();
  });
});
