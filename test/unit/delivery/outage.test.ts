import { createServer, type Server } from 'node:http';
import { DiagLogLevel, diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { register, type Frametel } from '../../../src/index.js';
import { closeNow, listenOnLoopback } from '../../support/loopback-server.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

interface Arrival {
  at: number;
  path: string;
  status: number;
  body: Record<string, unknown>;
}

/** A collector stand-in whose answer a test sets: status, Retry-After; records every request with its time. */
class StandIn {
  readonly arrivals: Arrival[] = [];
  status = 200;
  retryAfter: string | undefined;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        this.arrivals.push({ at: Date.now(), path: req.url ?? '', status: this.status, body });
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (this.retryAfter && this.status !== 200) headers['retry-after'] = this.retryAfter;
        res.writeHead(this.status, headers).end('{}');
      });
    });
    return `http://127.0.0.1:${await listenOnLoopback(this.server)}`;
  }

  stop(): Promise<void> {
    return closeNow(this.server);
  }

  /** log.record.uid of every violation record the stand-in accepted (200), with repeats. */
  acceptedViolationIds(): string[] {
    type Rec = { eventName?: string; attributes: Array<{ key: string; value: { stringValue: string } }> };
    type Body = { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: Rec[] }> }> };
    const ids: string[] = [];
    for (const a of this.arrivals.filter((x) => x.status === 200 && x.path === '/v1/logs'))
      for (const rl of (a.body as unknown as Body).resourceLogs)
        for (const sl of rl.scopeLogs)
          for (const r of sl.logRecords)
            if (r.eventName === 'ui.budget.violation')
              ids.push(r.attributes.find((x) => x.key === 'log.record.uid')!.value.stringValue);
    return ids;
  }
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('persistence: exports the collector refused are kept and re-sent exactly once', () => {
  let standIn: StandIn;
  let url: string;
  let ft: Frametel | undefined;

  beforeEach(async () => {
    standIn = new StandIn();
    url = await standIn.start();
  });
  afterEach(async () => {
    await ft?.shutdown();
    ft = undefined;
    await standIn.stop();
  });

  it('a 500 keeps the violation records (not the plain spans); once the collector answers, each arrives once', {
    timeout: 20_000,
  }, async () => {
    ft = register({
      serviceName: 'shop-web',
      endpoint: url,
      persistence: true,
      budgets: { slow: 1, quick: 1000 },
      metricExportIntervalMs: 60_000,
    });
    standIn.status = 500;
    for (let i = 0; i < 5; i++) ft.track('slow', () => busy(2));
    ft.track('quick', () => undefined);
    await ft.forceFlush();
    const during = ft.diagnostics();
    expect(during.logs).toMatchObject({ stored: 5, failed: 0, exported: 0 });
    // 5 violated spans kept; the quick span is in no violated trace: not kept, counted as failed.
    expect(during.traces).toMatchObject({ stored: 5, failed: 1, exported: 0 });

    standIn.status = 200;
    await until(() => standIn.acceptedViolationIds().length >= 5);
    await new Promise((r) => setTimeout(r, 1500));
    const ids = standIn.acceptedViolationIds();
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    const after = ft.diagnostics();
    expect(after.logs).toMatchObject({ stored: 5, resent: 5, exported: 5, failed: 0, evicted: 0 });
    expect(after.traces).toMatchObject({ stored: 5, resent: 5, exported: 5, failed: 1 });
  });

  it('without IndexedDB (Node, private modes that refuse it) falls back to memory and says so once via diag', async () => {
    const warnings: string[] = [];
    const log = (m: string) => warnings.push(m);
    diag.setLogger({ error: log, warn: log, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
    try {
      ft = register({ serviceName: 'shop-web', endpoint: url, persistence: true, budgets: { slow: 1 } });
      standIn.status = 500;
      for (let round = 0; round < 3; round++) {
        ft.track('slow', () => busy(2));
        await ft.forceFlush();
      }
      expect(ft.diagnostics().logs.stored).toBe(3);
      expect(warnings.filter((w) => w.includes('IndexedDB unavailable'))).toHaveLength(1);
    } finally {
      diag.disable();
    }
  });

  it('without persistence the same outage loses them (counted as failed)', async () => {
    ft = register({ serviceName: 'shop-web', endpoint: url, persistence: false, budgets: { slow: 1 } });
    standIn.status = 500;
    for (let i = 0; i < 5; i++) ft.track('slow', () => busy(2));
    await ft.forceFlush();
    expect(ft.diagnostics().logs).toMatchObject({ stored: 0, failed: 5 });
  });

  it('bounded: past maxItems the oldest are evicted and counted, the newest arrive', { timeout: 20_000 }, async () => {
    ft = register({
      serviceName: 'shop-web',
      endpoint: url,
      persistence: { maxItems: 4, signals: 'important' },
      budgets: { slow: 1 },
      metricExportIntervalMs: 60_000,
    });
    standIn.status = 500;
    for (let i = 0; i < 6; i++) {
      ft.track('slow', () => busy(2), { 'app.step': i });
      await ft.forceFlush();
    }
    const d = ft.diagnostics();
    // 12 items kept (6 records + 6 spans) in a store of 4: the 8 oldest evicted.
    expect(d.logs.stored + d.traces.stored).toBe(12);
    expect(d.logs.evicted + d.traces.evicted).toBe(8);
    standIn.status = 200;
    await until(() => ft!.diagnostics().logs.resent + ft!.diagnostics().traces.resent === 4);
    const steps = standIn.arrivals
      .filter((a) => a.status === 200 && a.path === '/v1/traces')
      .flatMap((a) => JSON.stringify(a.body).match(/"app.step","value":\{"intValue":\d+/g) ?? []);
    expect(steps.map((s) => s.replace(/\D+/g, '')).sort()).toEqual(['4', '5']);
    expect(standIn.acceptedViolationIds()).toHaveLength(2);
  });

  it('Retry-After: 2 on a 503: no re-send before 2 s, then delivered', { timeout: 20_000 }, async () => {
    ft = register({ serviceName: 'shop-web', endpoint: url, persistence: true, budgets: { slow: 1 } });
    standIn.status = 503;
    standIn.retryAfter = '2';
    ft.track('slow', () => busy(2));
    const flushed = ft.forceFlush();
    await until(() => standIn.arrivals.some((a) => a.path === '/v1/logs'));
    standIn.status = 200;
    await flushed;
    await until(() => standIn.acceptedViolationIds().length === 1);
    const logs = standIn.arrivals.filter((a) => a.path === '/v1/logs');
    expect(logs.map((a) => a.status)).toEqual([503, 200]);
    expect(logs[1]!.at - logs[0]!.at).toBeGreaterThanOrEqual(2000);
    expect(ft.diagnostics().logs).toMatchObject({ exported: 1, failed: 0, stored: 0 });
  });
});
