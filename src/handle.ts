import type { Attributes, MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { LoggerProvider } from '@opentelemetry/api-logs';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { BudgetTable } from './budgets/budget-table.js';
import type { Diagnostics } from './diagnostics.js';
import type { FrametelEventName, Listener } from './events.js';
import type { ComponentRenderStats } from './stats/components.js';
import type { OperationMetrics } from './stats/operation-stats.js';
import type { ReportFormat } from './stats/report.js';

/** Read access to the per-operation statistics (ms). */
export interface FrametelStats {
  /** One operation's stats, or undefined if it never ran. */
  get(operation: string): OperationMetrics | undefined;
  /** Every operation's stats, sorted by key. */
  all(): OperationMetrics[];
  /** Forgets all samples. */
  reset(): void;
}

/**
 * The handle `register()` returns. Nothing on it throws into the app, except track()'s own fn and
 * a FrametelConfigError for a call that can only be a programming error (an unknown event name, a
 * listener or fn that is not a function).
 */
export interface Frametel {
  /** false for the no-op handle of `enabled: false`. */
  readonly enabled: boolean;
  /** Whether this page session's traces are exported (see `sampleRate`). */
  readonly sampled: boolean;
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  readonly loggerProvider: LoggerProvider;
  readonly stats: FrametelStats;
  /** The instrumentations given to register(), as registered (the overlay finds its sources here). */
  readonly instrumentations: readonly Instrumentation[];
  /** The span processors given to register() (the DevTools find their span buffer here). */
  readonly spanProcessors: readonly SpanProcessor[];
  /** The effective budgets (operation[:subject] lookup). */
  readonly budgets: BudgetTable;
  /**
   * Subscribes; listeners run asynchronously after the operation and their errors are contained.
   * Throws FrametelConfigError at the call for an unknown event name or a listener that is not a function.
   */
  on<E extends FrametelEventName>(event: E, fn: Listener<E>): this;
  off<E extends FrametelEventName>(event: E, fn: Listener<E>): this;
  /** Every operation's stats, effective budget and violation count, as JSON or RFC 4180 CSV. */
  report(format?: ReportFormat): string;
  /**
   * Runs fn in a span `operation` (ui.operation = operation) and returns its value; async
   * functions are timed until their promise settles. Errors are recorded and rethrown unchanged.
   * Throws FrametelConfigError, without running anything, when fn is not a function.
   */
  track<T>(operation: string, fn: () => T, attributes?: Attributes): T;
  /**
   * The n traced components with the highest average commit time (ms), from the first registered
   * instrumentation that has `slowestComponents(n)`; [] without one.
   * @deprecated Kept because the README promised it; read the instrumentation instead
   * (`reactInstrumentation.slowestComponents(n)`). The handle knows no framework.
   */
  slowestComponents(n?: number): ComponentRenderStats[];
  /**
   * The n traced components re-rendered most often; [] without a component instrumentation.
   * @deprecated Read the instrumentation instead (`reactInstrumentation.topRerenders(n)`).
   */
  topRerenders(n?: number): ComponentRenderStats[];
  /** A snapshot of what could not be exported or delivered (nothing is lost silently). */
  diagnostics(): Diagnostics;
  /** Delivers pending listener events and alerts, then exports everything buffered. */
  forceFlush(): Promise<void>;
  /** Flushes, then stops instrumentations and providers and releases the OTel globals. */
  shutdown(): Promise<void>;
}
