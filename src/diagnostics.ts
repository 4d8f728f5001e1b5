/** What happened to one signal's telemetry on its way out. */
export interface ExportLedger {
  /** Items (spans, log records, metric data points) an exporter accepted. */
  exported: number;
  /** Items in export calls that failed (endpoint down, HTTP error, timeout). */
  failed: number;
  /** Items dropped before export because the batch queue was full. */
  dropped: number;
  /** Export calls that failed. */
  failedExports: number;
  /** Items of failed exports kept in storage for a later retry (`persistence`), not counted in `failed`. */
  stored: number;
  /** Stored items re-sent and accepted (also counted in `exported`). */
  resent: number;
  /** Stored items dropped, oldest first, because the store was over its item or byte bound. */
  evicted: number;
  /** The last failure's message, for the overlay and for debugging. */
  lastError?: string;
}

/**
 * Everything frametel could not do, counted rather than thrown: telemetry is never lost
 * silently. A snapshot is returned by `ft.diagnostics()`.
 */
export interface Diagnostics {
  traces: ExportLedger;
  metrics: ExportLedger;
  logs: ExportLedger;
  /** Exceptions thrown by `ft.on(...)` listeners, and rejections of the promises async listeners return. */
  listenerErrors: number;
  /** Alert destinations that threw or rejected. */
  alertErrors: number;
  alertsSent: number;
  /** Alerts held back by `alerts.throttleMs` (listeners still received them). */
  alertsSuppressed: number;
  /**
   * Samples not added to ft.stats because `stats.maxOperations` distinct operations were reached,
   * or because 8 192 samples were already kept waiting for the sketch code (pipeline chunk).
   */
  statsSamplesDropped: number;
  /**
   * Samples of `ui.operation.duration` recorded under `otel.metric.overflow` = true instead of
   * their `ui.operation`, because 1 000 distinct operations already had their own series.
   */
  histogramSamplesOverflowed: number;
  /** Events not delivered to listeners because 10 000 were already waiting. */
  eventsDropped: number;
  /** Errors inside frametel itself that were contained (reported through diag). */
  internalErrors: number;
  /** track() calls with a bad operation name that ran untraced. */
  invalidTrackCalls: number;
  /**
   * Each registered instrumentation's own counters (those with a `diagnostics()` method), by
   * instrumentationName, e.g. `{ 'frametel/react': { componentsDropped: 3 } }`.
   */
  instrumentations: Record<string, Record<string, number>>;
  /** Failed loads of the lazily imported export pipeline chunk (the one retry included). */
  exportPipelineLoadFailures: number;
  /**
   * Ended spans, metric measurements and log records dropped, oldest first, while held for the
   * pipeline chunk (the holding span processor and the stand-in meter and logger providers keep
   * at most `maxQueueSize` plus one export batch of each, 2 560 by default, before it arrives), and all of
   * them when the chunk failed to load twice.
   */
  heldDropped: { traces: number; metrics: number; logs: number };
}

function ledger(): ExportLedger {
  return { exported: 0, failed: 0, dropped: 0, failedExports: 0, stored: 0, resent: 0, evicted: 0 };
}

export function createDiagnostics(): Diagnostics {
  return {
    traces: ledger(),
    metrics: ledger(),
    logs: ledger(),
    listenerErrors: 0,
    alertErrors: 0,
    alertsSent: 0,
    alertsSuppressed: 0,
    statsSamplesDropped: 0,
    histogramSamplesOverflowed: 0,
    eventsDropped: 0,
    internalErrors: 0,
    invalidTrackCalls: 0,
    instrumentations: {},
    exportPipelineLoadFailures: 0,
    heldDropped: { traces: 0, metrics: 0, logs: 0 },
  };
}

export function snapshotDiagnostics(d: Diagnostics): Diagnostics {
  return {
    ...d,
    traces: { ...d.traces },
    metrics: { ...d.metrics },
    logs: { ...d.logs },
    heldDropped: { ...d.heldDropped },
    instrumentations: Object.fromEntries(Object.entries(d.instrumentations).map(([k, v]) => [k, { ...v }])),
  };
}
