import {
  context,
  diag,
  SpanStatusCode,
  trace,
  ValueType,
  type Counter,
  type Histogram,
  type Span,
} from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { noteCause } from '../../context/causal.js';
import {
  ATTR_UI_OPERATION,
  ATTR_UI_SIGNAL_CYCLE_PATH,
  ATTR_UI_SIGNAL_EFFECTS_RUN,
  ATTR_UI_SIGNAL_NAME,
  ATTR_UI_SIGNAL_UPDATES_IN_FRAME,
  ATTR_UI_SIGNAL_VALUE,
  DURATION_BUCKETS_S,
  EVENT_UI_SIGNAL_CYCLE,
  EVENT_UI_SIGNAL_EXCESSIVE_UPDATES,
  METRIC_UI_SIGNAL_UPDATE_DURATION,
  METRIC_UI_SIGNAL_UPDATES,
  OP_SIGNAL_BATCH,
  OP_SIGNAL_UPDATE,
  ATTR_EXCEPTION_MESSAGE,
} from '../../semconv.js';
import { VERSION } from '../../version.js';
import { SIGNALS_DEFAULTS } from './options.js';
import type { SignalsInstrumentationConfig } from './types.js';
import { ValueHistory, type SignalValueChange } from './value-history.js';

const MAX_VALUE_LENGTH = 120;
/** Signals whose per-frame counters are kept; past it the oldest windows are forgotten. */
const MAX_TRACKED_WINDOWS = 1000;

/** What a traced write or batch is counting while it runs. */
interface OpenOperation {
  effectsRun: number;
}

function stringify(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/**
 * What the Preact-signals and signal-polyfill instrumentations share: the span around a write
 * (made active so synchronous effects, renders and nested writes are its children), effect
 * counting, the histogram and counter, excessive-update and cycle events. Subclasses only know
 * how to hook their library.
 */
export abstract class SignalsInstrumentationBase<
  C extends SignalsInstrumentationConfig,
> extends InstrumentationBase<C> {
  // `declare`: InstrumentationBase calls enable() from its constructor, before subclass field
  // initialisers would run (and they would then reset what enable() set up).
  declare private durationHistogram: Histogram | undefined;
  declare private updatesCounter: Counter | undefined;
  declare private open: OpenOperation[] | undefined;
  declare private windows: Map<string, { frame: number; count: number; reported: boolean }> | undefined;
  declare private writeCounts: Map<string, number> | undefined;
  /** A cycle error passes through every enclosing write; it is reported once, where it arose. */
  declare private reportedCycles: WeakSet<object> | undefined;
  /** Previous/next values of changing writes, kept only with `recordValues: true`. */
  declare private valueHistory: ValueHistory | undefined;

  protected override _updateMetricInstruments(): void {
    this.durationHistogram = this.meter.createHistogram(METRIC_UI_SIGNAL_UPDATE_DURATION, {
      unit: 's',
      description: 'Duration of a signal write and its synchronous propagation',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
    this.updatesCounter = this.meter.createCounter(METRIC_UI_SIGNAL_UPDATES, {
      description: 'Signal writes that changed the value',
      valueType: ValueType.INT,
    });
  }

  /** The n signals written most often (changing writes) since enable, for the overlay. */
  topSignals(n = 10): Array<{ name: string; updates: number }> {
    return [...(this.writeCounts ?? new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Math.max(0, n))
      .map(([name, updates]) => ({ name, updates }));
  }

  /**
   * The n most recent changing writes with their previous and next values (structured clones,
   * size-capped), newest first; [] unless `recordValues: true`. For the DevTools' state diff.
   */
  recentValueChanges(n = 20): SignalValueChange[] {
    return this.valueHistory?.recent(n) ?? [];
  }

  /** Called by a subclass hook each time an effect or computed re-runs. */
  protected countRun(): void {
    const open = this.open;
    if (open !== undefined && open.length > 0) open[open.length - 1]!.effectsRun++;
  }

  /**
   * Runs `write` (the library's original setter) inside a `signal.update {name}` span. Errors
   * from the library propagate unchanged; a cycle error is also reported as `ui.signal.cycle`.
   */
  protected traceWrite<T>(name: string, value: unknown, write: () => T, cyclePath?: () => string[]): T {
    const attributes: Record<string, string | number> = {
      [ATTR_UI_OPERATION]: OP_SIGNAL_UPDATE,
      [ATTR_UI_SIGNAL_NAME]: name,
    };
    if (this._config.recordValues === true) attributes[ATTR_UI_SIGNAL_VALUE] = stringify(value);
    const span = this.tracer.startSpan(`${OP_SIGNAL_UPDATE} ${name}`, { attributes });
    const started = performance.now();
    const op: OpenOperation = { effectsRun: 0 };
    (this.open ??= []).push(op);
    try {
      const result = context.with(trace.setSpan(context.active(), span), () => {
        noteCause();
        return write();
      });
      if (this._config.recordValues === true) this.keepValues(name, value, span);
      return result;
    } catch (error) {
      this.recordFailure(span, error, cyclePath);
      throw error;
    } finally {
      this.open.pop();
      this.finishWrite(span, name, op, started, performance.now(), false);
    }
  }

  /**
   * Runs `write` (the library's original setter) untouched — no span around it, nothing read
   * before it — and records the `signal.update {name}` span afterwards, with the times it ran, if
   * `changed()` says the write changed the value. For libraries whose own checks (receiver,
   * write permission, equality) must run first and unobserved. Effects notified during the write
   * are counted; spans started inside it are not parented on it.
   */
  protected traceWriteAfter<T>(nameOf: () => string, value: unknown, write: () => T, changed: () => boolean): T {
    const op: OpenOperation = { effectsRun: 0 };
    const open = (this.open ??= []);
    const started = performance.now();
    open.push(op);
    let result: T;
    try {
      result = write();
    } catch (error) {
      open.pop();
      this.recordWriteAfter(nameOf, value, changed, started, op, error);
      throw error;
    }
    open.pop();
    this.recordWriteAfter(nameOf, value, changed, started, op);
    return result;
  }

  private recordWriteAfter(
    nameOf: () => string,
    value: unknown,
    changed: () => boolean,
    started: number,
    op: OpenOperation,
    ...failure: [unknown?]
  ): void {
    const ended = performance.now();
    try {
      if (!changed()) return;
      const name = nameOf();
      const attributes: Record<string, string | number> = {
        [ATTR_UI_OPERATION]: OP_SIGNAL_UPDATE,
        [ATTR_UI_SIGNAL_NAME]: name,
      };
      if (this._config.recordValues === true) attributes[ATTR_UI_SIGNAL_VALUE] = stringify(value);
      const startTime = performance.timeOrigin + started;
      const span = this.tracer.startSpan(`${OP_SIGNAL_UPDATE} ${name}`, { attributes, startTime });
      noteCause(trace.setSpan(context.active(), span));
      if (failure.length > 0) this.recordFailure(span, failure[0]);
      else if (this._config.recordValues === true) this.keepValues(name, value, span);
      this.finishWrite(span, name, op, started, ended, true);
    } catch (error) {
      diag.error('frametel signals: could not record a signal write', error);
    }
  }

  /** Effects run, frequency check, end, histogram and counters of one traced write. */
  private finishWrite(
    span: Span,
    name: string,
    op: OpenOperation,
    started: number,
    ended: number,
    endAtEnded: boolean,
  ): void {
    span.setAttribute(ATTR_UI_SIGNAL_EFFECTS_RUN, op.effectsRun);
    this.checkFrequency(span, name);
    span.end(endAtEnded ? performance.timeOrigin + ended : undefined);
    this.durationHistogram?.record((ended - started) / 1000, { [ATTR_UI_SIGNAL_NAME]: name });
    this.updatesCounter?.add(1, { [ATTR_UI_SIGNAL_NAME]: name });
    const counts = (this.writeCounts ??= new Map());
    if (counts.has(name) || counts.size < MAX_TRACKED_WINDOWS) counts.set(name, (counts.get(name) ?? 0) + 1);
  }

  /** Runs `fn` in one `signal.batch` span; writes inside are its children, deferred effects count on it. */
  protected traceBatch<T>(fn: () => T): T {
    const span = this.tracer.startSpan(OP_SIGNAL_BATCH, { attributes: { [ATTR_UI_OPERATION]: OP_SIGNAL_BATCH } });
    const op: OpenOperation = { effectsRun: 0 };
    (this.open ??= []).push(op);
    try {
      return context.with(trace.setSpan(context.active(), span), () => {
        noteCause();
        return fn();
      });
    } catch (error) {
      this.recordFailure(span, error);
      throw error;
    } finally {
      this.open.pop();
      span.setAttribute(ATTR_UI_SIGNAL_EFFECTS_RUN, op.effectsRun);
      span.end();
    }
  }

  private keepValues(name: string, value: unknown, span: Span): void {
    try {
      const { traceId, spanId } = span.spanContext();
      (this.valueHistory ??= new ValueHistory()).add(name, value, traceId, spanId);
    } catch (error) {
      diag.debug('frametel signals: could not keep a value', error);
    }
  }

  private recordFailure(span: Span, error: unknown, cyclePath?: () => string[]): void {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    if (!(error instanceof Error && /cycle/i.test(error.message))) {
      span.recordException(error instanceof Error ? error : String(error));
      return;
    }
    const reported = (this.reportedCycles ??= new WeakSet());
    if (reported.has(error)) return;
    reported.add(error);
    let path: string[] = [];
    try {
      path = cyclePath?.() ?? [];
    } catch (e) {
      diag.debug('frametel signals: could not compute the cycle path', e);
    }
    const attributes = { [ATTR_UI_SIGNAL_CYCLE_PATH]: path, [ATTR_EXCEPTION_MESSAGE]: error.message };
    span.addEvent(EVENT_UI_SIGNAL_CYCLE, attributes);
    this.emitLog(EVENT_UI_SIGNAL_CYCLE, SeverityNumber.ERROR, attributes, span);
  }

  private checkFrequency(span: Span, name: string): void {
    const max = this._config.maxUpdatesPerFrame ?? SIGNALS_DEFAULTS.maxUpdatesPerFrame;
    const frame = Math.floor(performance.now() / (this._config.frameMs ?? SIGNALS_DEFAULTS.frameMs));
    const windows = (this.windows ??= new Map());
    let w = windows.get(name);
    if (w === undefined || w.frame !== frame) {
      if (w === undefined && windows.size >= MAX_TRACKED_WINDOWS) windows.delete(windows.keys().next().value as string);
      w = { frame, count: 0, reported: false };
      windows.set(name, w);
    }
    w.count++;
    if (w.count > max && !w.reported) {
      w.reported = true;
      const attributes = { [ATTR_UI_SIGNAL_NAME]: name, [ATTR_UI_SIGNAL_UPDATES_IN_FRAME]: w.count };
      span.addEvent(EVENT_UI_SIGNAL_EXCESSIVE_UPDATES, attributes);
      this.emitLog(EVENT_UI_SIGNAL_EXCESSIVE_UPDATES, SeverityNumber.WARN, attributes, span);
    }
  }

  private emitLog(
    eventName: string,
    severityNumber: SeverityNumber,
    attributes: Record<string, string | number | string[]>,
    span: Span,
  ): void {
    try {
      this.logger.emit({
        eventName,
        severityNumber,
        severityText: severityNumber >= SeverityNumber.ERROR ? 'ERROR' : 'WARN',
        attributes,
        context: trace.setSpan(context.active(), span),
      });
    } catch (error) {
      diag.error(`frametel signals: could not emit ${eventName}`, error);
    }
  }
}

export const SIGNALS_VERSION = VERSION;
