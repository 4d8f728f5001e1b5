import { context } from '@opentelemetry/api';
import {
  SeverityNumber,
  type Logger,
  type LoggerOptions,
  type LoggerProvider,
  type LogRecord,
} from '@opentelemetry/api-logs';
import { type Flushable, StandInProvider } from './held.js';

/** One record emitted before the chunk, completed as the SDK would have completed it then. */
type Held = [StandInLogger, LogRecord];

/**
 * Stands in for one logger until the real LoggerProvider arrives. emit() fills in now what the
 * SDK's logger would have filled in at this moment — timestamp and observedTimestamp (Date.now())
 * and the active context (trace and span id) — and copies the attributes, so the replayed record
 * is the one the app emitted, not one dated and parented at replay.
 */
class StandInLogger implements Logger {
  real: Logger | undefined;

  constructor(
    readonly key: [string, string | undefined, LoggerOptions | undefined],
    private readonly provider: StandInLoggerProvider,
  ) {}

  emit(record: LogRecord): void {
    if (this.real) {
      this.real.emit(record);
      return;
    }
    const now = Date.now();
    this.provider.hold(this, {
      ...record,
      timestamp: record.timestamp ?? now,
      observedTimestamp: record.observedTimestamp ?? now,
      attributes: record.attributes && { ...record.attributes },
      context: record.context ?? context.active(),
    });
  }

  enabled(options?: Parameters<Logger['enabled']>[0]): boolean {
    return this.real ? this.real.enabled(options) : true;
  }
}

/** The real LoggerProvider's flush and shutdown (sdk-logs' LoggerProvider has both). */
export interface FlushableLoggerProvider extends LoggerProvider, Flushable {}

/**
 * `ft.loggerProvider` until the pipeline chunk brings sdk-logs: stand-in loggers hold every record
 * (bounded: past `max` the oldest is dropped and counted) and replay them in order into loggers of
 * the same scope. The first record of WARN severity or above (a budget violation, an error)
 * starts the chunk load at once instead of after load and idle: those are what a page leaving
 * early must not take with it. After attach getLogger() returns the real provider's loggers.
 */
export class StandInLoggerProvider
  extends StandInProvider<FlushableLoggerProvider, StandInLogger, Held>
  implements LoggerProvider
{
  getLogger(name: string, version?: string, options?: LoggerOptions): Logger {
    if (this.real) return this.real.getLogger(name, version, options);
    return this.scope(name, version, options?.schemaUrl, () => new StandInLogger([name, version, options], this));
  }

  hold(logger: StandInLogger, record: LogRecord): void {
    this.held.push([logger, record]);
    if ((record.severityNumber ?? 0) >= SeverityNumber.WARN) this.pipeline.hurry();
  }

  /** Hands every logger and held record to the real provider, oldest record first. */
  attach(real: FlushableLoggerProvider): void {
    if (this.real) return;
    this.real = real;
    for (const logger of this.scoped.values()) logger.real = real.getLogger(...logger.key);
    this.scoped.clear();
    for (const [logger, record] of this.held.take()) logger.real?.emit(record);
  }
}
