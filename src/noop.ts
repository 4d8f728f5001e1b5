import { ProxyTracerProvider, createNoopMeter, type Attributes, type MeterProvider } from '@opentelemetry/api';
import { createNoopLogger, type LoggerProvider } from '@opentelemetry/api-logs';
import { BudgetTable } from './budgets/budget-table.js';
import { checkSubscription, checkTrackFn } from './config/calls.js';
import { FRAMETEL_EVENT_NAMES } from './events.js';
import { createDiagnostics, type Diagnostics } from './diagnostics.js';
import type { Frametel, FrametelStats } from './handle.js';
import { formatReport, type ReportFormat } from './stats/report.js';

const NOOP_METER_PROVIDER: MeterProvider = { getMeter: () => createNoopMeter() };
const NOOP_LOGGER_PROVIDER: LoggerProvider = { getLogger: () => createNoopLogger() };
const EMPTY_STATS: FrametelStats = { get: () => undefined, all: () => [], reset: () => {} };

/**
 * The handle of `enabled: false`: creates nothing, exports nothing; track() only calls fn.
 * Reports are valid but empty, so code that reads them keeps working.
 */
export class NoopFrametel implements Frametel {
  readonly enabled = false;
  readonly sampled = false;
  // A proxy without a delegate hands out no-op tracers.
  readonly tracerProvider = new ProxyTracerProvider();
  readonly meterProvider = NOOP_METER_PROVIDER;
  readonly loggerProvider = NOOP_LOGGER_PROVIDER;
  readonly stats = EMPTY_STATS;
  readonly instrumentations = Object.freeze([]) as readonly never[];
  readonly spanProcessors = Object.freeze([]) as readonly never[];
  readonly budgets: BudgetTable;

  constructor(private readonly serviceName: string) {
    this.budgets = new BudgetTable({});
  }

  on(event: unknown, fn: unknown): this {
    // The same programming error as on the live handle, whether or not frametel is enabled.
    checkSubscription(event, fn, FRAMETEL_EVENT_NAMES);
    return this;
  }

  off(): this {
    return this;
  }

  track<T>(_operation: string, fn: () => T, _attributes?: Attributes): T {
    checkTrackFn('ft.track', fn);
    return fn();
  }

  report(format: ReportFormat = 'json'): string {
    // The report module writes it, so the columns cannot drift from the live handle's.
    const empty = { service: this.serviceName, generatedAt: new Date().toISOString(), operations: [] };
    return formatReport(empty, format === 'csv' ? 'csv' : 'json');
  }

  /** @deprecated See Frametel.slowestComponents. */
  slowestComponents(): [] {
    return [];
  }

  /** @deprecated See Frametel.topRerenders. */
  topRerenders(): [] {
    return [];
  }

  diagnostics(): Diagnostics {
    return createDiagnostics();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
