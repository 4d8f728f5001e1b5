import { DiagLogLevel, diag } from '@opentelemetry/api';
import type { ExportResponse, IExporterTransport } from '@opentelemetry/otlp-exporter-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostics } from '../../../src/diagnostics.js';
import { attachDelivery } from '../../../src/delivery/index.js';
import type { ResolvedConfig } from '../../../src/options.js';

const signals = ['logs', 'traces', 'metrics'] as const;
const ledger = () => ({ exported: 0, failed: 0, stored: 0, resent: 0, evicted: 0 });

/** Stand-ins of the OTLP exporters' seam: a retrying transport over a fetch transport, per signal. */
function exporters() {
  const fetches: Record<string, IExporterTransport> = {};
  const originals: Record<string, IExporterTransport['send']> = {};
  const list = Object.fromEntries(
    signals.map((s) => {
      const send: IExporterTransport['send'] = async (): Promise<ExportResponse> => ({ status: 'success' });
      const fetch = { send, shutdown: () => {} };
      fetches[s] = fetch;
      originals[s] = send;
      const retrying = { send: (d: Uint8Array, t: number) => fetch.send(d, t), shutdown: () => {}, _transport: fetch };
      return [s, [{ _delegate: { _transport: retrying, _timeout: 10_000 } }]];
    }),
  ) as Record<(typeof signals)[number], object[]>;
  return { list, fetches, originals };
}

function attach(persistence: boolean) {
  const diagnostics = {
    internalErrors: 0,
    logs: ledger(),
    traces: ledger(),
    metrics: ledger(),
  } as unknown as Diagnostics;
  const config = {
    urls: { traces: 'http://c/v1/traces', metrics: 'http://c/v1/metrics', logs: 'http://c/v1/logs' },
    flushOnHide: true,
    persistence: persistence && { maxItems: 10, maxBytes: 10_000, signals: 'important' },
  } as unknown as ResolvedConfig;
  const e = exporters();
  const delivery = attachDelivery(config, e.list, diagnostics)!;
  delivery.start([]);
  return { ...e, delivery, diagnostics };
}

/** The diag warnings and errors from now on (afterEach disables the logger). */
function captureWarnings(): string[] {
  const warnings: string[] = [];
  const log = (m: string) => warnings.push(m);
  diag.setLogger({ error: log, warn: log, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  return warnings;
}

describe('delivery composes its parts: persistence only when it is on', () => {
  afterEach(() => {
    vi.useRealTimers();
    diag.disable();
  });

  it('persistence off: no store is opened, no attempt is watched, no drain is planned', () => {
    vi.useFakeTimers();
    const warnings = captureWarnings();
    const { fetches, originals, delivery, diagnostics } = attach(false);
    for (const s of signals) expect(fetches[s]!.send).toBe(originals[s]);
    expect(vi.getTimerCount()).toBe(0);
    // Node has no IndexedDB: opening the store would fall back to memory and say so.
    expect(warnings).toEqual([]);
    expect(diagnostics.internalErrors).toBe(0);
    delivery.stop();
  });

  it('persistence on: the store is opened, each fetch attempt is watched, a drain is planned at once', () => {
    vi.useFakeTimers();
    const warnings = captureWarnings();
    const { fetches, originals, delivery, diagnostics } = attach(true);
    for (const s of signals) expect(fetches[s]!.send).not.toBe(originals[s]);
    expect(vi.getTimerCount()).toBe(1);
    expect(warnings.join()).toContain('IndexedDB unavailable');
    expect(diagnostics.internalErrors).toBe(0);
    delivery.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
