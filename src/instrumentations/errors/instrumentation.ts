import { context, diag, SpanStatusCode, trace, ValueType, type Attributes, type Counter } from '@opentelemetry/api';
import { SeverityNumber, type LoggerProvider } from '@opentelemetry/api-logs';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import {
  ATTR_ENDUSER_ID,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  ATTR_UI_COMPONENT_NAME,
  ATTR_UI_ERROR_CONTEXT_PREFIX,
  ATTR_UI_ERROR_TAG_PREFIX,
  ATTR_UI_COMPONENT_STACK,
  ATTR_UI_ERROR_FRAMES,
  ATTR_UI_ERROR_HANDLED,
  ATTR_UI_ERROR_SOURCE,
  EVENT_EXCEPTION,
  METRIC_UI_ERRORS,
  METRIC_UI_ERRORS_DEDUPLICATED,
} from '../../semconv.js';
import { wantRenderScopes } from '../../context/render-scope.js';
import { VERSION } from '../../version.js';
import { fingerprint, frameToString, toCaptured } from './capture.js';
import { ConsoleLog, contextComponent, type ConsoleEntry } from './console-log.js';
import { checkErrorOptions, ERROR_DEFAULTS } from './options.js';
import type { CapturedError, CaptureOptions, ErrorInstrumentationConfig } from './types.js';

export const ERRORS_SCOPE = 'frametel/errors';
let active: ErrorInstrumentation | undefined;

/** The enabled ErrorInstrumentation (TracedErrorBoundary and the standalone captureException use it). */
export function activeErrorInstrumentation(): ErrorInstrumentation | undefined {
  return active;
}

type Listener = [
  target: {
    addEventListener(t: string, f: (e: never) => void): void;
    removeEventListener(t: string, f: (e: never) => void): void;
  },
  type: string,
  fn: (e: never) => void,
];

/**
 * Errors on OTel: window `error` and `unhandledrejection` (in Node, uncaught exceptions and
 * unhandled rejections through `uncaughtExceptionMonitor`, which does not change Node's
 * behaviour), `captureException()`, and optionally console.error/warn. Each error is an `exception` event on the active span (status
 * ERROR) and a log record with exception.* attributes and parsed frames; identical errors within
 * `dedupeWindowMs` are recorded once and counted; `beforeSend` can scrub or drop.
 */
export class ErrorInstrumentation extends InstrumentationBase<ErrorInstrumentationConfig> {
  declare private listeners: Listener[] | undefined;
  declare private consoleOriginals: { error: Console['error']; warn: Console['warn'] } | undefined;
  declare private recent: Map<string, { at: number; suppressed: number }> | undefined;
  declare private consoleLog: ConsoleLog | undefined;
  declare private errorsCounter: Counter | undefined;
  declare private dedupCounter: Counter | undefined;
  declare private provider: LoggerProvider | undefined;
  /** beforeSend calls that threw (their errors were dropped). */
  declare beforeSendFailures: number;
  /** Errors the Sentry bridge threw on (recorded on OTel, not in Sentry). */
  declare private sentryFailures: number | undefined;

  /** Throws FrametelConfigError for a bad option (see ErrorInstrumentationConfig, defaults in ERROR_DEFAULTS). */
  constructor(config: ErrorInstrumentationConfig = {}) {
    super(ERRORS_SCOPE, VERSION, checkErrorOptions(config));
    this.beforeSendFailures ??= 0;
  }

  /** Validates like the constructor: a bad option throws FrametelConfigError and the current config stays. */
  override setConfig(config: ErrorInstrumentationConfig = {}): void {
    super.setConfig(checkErrorOptions(config));
  }

  protected override init(): void {}

  /** In `ft.diagnostics().instrumentations['frametel/errors']`: errors dropped or not bridged because a callback threw. */
  diagnostics(): { beforeSendFailures: number; sentryFailures: number } {
    return { beforeSendFailures: this.beforeSendFailures, sentryFailures: this.sentryFailures ?? 0 };
  }

  protected override _updateMetricInstruments(): void {
    this.errorsCounter = this.meter.createCounter(METRIC_UI_ERRORS, {
      description: 'Errors recorded',
      valueType: ValueType.INT,
    });
    this.dedupCounter = this.meter.createCounter(METRIC_UI_ERRORS_DEDUPLICATED, {
      description: 'Identical errors folded into an earlier one',
      valueType: ValueType.INT,
    });
  }

  override setLoggerProvider(provider: LoggerProvider): void {
    super.setLoggerProvider(provider);
    this.provider = provider;
  }

  override enable(): void {
    if (this.listeners) return;
    this.listeners = [];
    active = this;
    // Console calls and errors get the RenderBoundary being rendered (contextComponent()).
    wantRenderScopes(true);
    const g = globalThis as unknown as {
      window?: Listener[0];
      process?: { on?: unknown; off?: unknown } & NodeJS.EventEmitter;
    };
    if (g.window && typeof g.window.addEventListener === 'function') {
      this.listen(g.window, 'error', (e: { error?: unknown; message?: string }) =>
        this.captureUncaught(e.error ?? e.message, 'window.error'),
      );
      this.listen(g.window, 'unhandledrejection', (e: { reason?: unknown }) =>
        this.captureUncaught(e.reason, 'unhandledrejection'),
      );
      this.listen(
        g.window,
        'pagehide',
        () => void (this.provider as { forceFlush?: () => Promise<void> } | undefined)?.forceFlush?.(),
      );
    } else if (g.process && typeof g.process.on === 'function') {
      // The monitor sees uncaught exceptions and, under Node's default --unhandled-rejections=throw,
      // unhandled rejections too (origin 'unhandledRejection'), without changing what Node does next.
      const fn = (error: unknown, origin?: string) =>
        this.captureUncaught(
          error,
          origin === 'unhandledRejection' ? 'process.unhandledRejection' : 'process.uncaughtException',
        );
      g.process.on('uncaughtExceptionMonitor', fn);
      this.listeners.push([
        {
          addEventListener: () => {},
          removeEventListener: (_t, f) => g.process!.off('uncaughtExceptionMonitor', f as never),
        },
        'uncaughtExceptionMonitor',
        fn as never,
      ]);
    }
    if ((this._config.captureConsole ?? ERROR_DEFAULTS.captureConsole) && typeof console !== 'undefined')
      this.patchConsole();
  }

  override disable(): void {
    if (!this.listeners) return;
    for (const [target, type, fn] of this.listeners) target.removeEventListener(type, fn);
    this.listeners = undefined;
    wantRenderScopes(false);
    if (this.consoleOriginals) {
      console.error = this.consoleOriginals.error;
      console.warn = this.consoleOriginals.warn;
      this.consoleOriginals = undefined;
    }
    if (active === this) active = undefined;
  }

  private listen(target: Listener[0], type: string, fn: (e: never) => void): void {
    target.addEventListener(type, fn);
    this.listeners!.push([target, type, fn]);
  }

  private patchConsole(): void {
    const originals = { error: console.error, warn: console.warn };
    this.consoleOriginals = originals;
    for (const level of ['error', 'warn'] as const) {
      const original = originals[level];
      console[level] = (...args: unknown[]) => {
        original.apply(console, args);
        try {
          (this.consoleLog ??= new ConsoleLog()).add(level, args);
        } catch (error) {
          diag.debug('frametel errors: could not keep a console call', error);
        }
        this.record(
          () =>
            toCaptured(
              args.find((a) => a instanceof Error) ?? args.map(String).join(' '),
              `console.${level}`,
              true,
              {},
              this._config.tags ?? ERROR_DEFAULTS.tags,
              this.maxFrames,
            ),
          level === 'error' ? SeverityNumber.ERROR : SeverityNumber.WARN,
        );
      };
    }
  }

  /**
   * The n most recent console.error/warn calls (with `captureConsole: true`), newest first, each
   * with the component being rendered (nearest RenderBoundary) or the active span's component,
   * the active operation and trace context: the DevTools' console panel.
   */
  recentConsole(n = 50): ConsoleEntry[] {
    return this.consoleLog?.recent(n) ?? [];
  }

  private get maxFrames(): number {
    return this._config.maxFrames ?? ERROR_DEFAULTS.maxFrames;
  }

  private captureUncaught(thrown: unknown, source: string): void {
    this.record(() => toCaptured(thrown, source, false, {}, this._config.tags ?? ERROR_DEFAULTS.tags, this.maxFrames));
  }

  /** Records `error` with tags, contexts and user. Never throws. */
  captureException(error: unknown, options: CaptureOptions = {}, extra: Partial<CapturedError> = {}): void {
    this.record(() => ({
      ...toCaptured(error, 'captureException', true, options, this._config.tags ?? ERROR_DEFAULTS.tags, this.maxFrames),
      ...extra,
    }));
  }

  /** Builds (inside the guard: a thrown value's getters may throw too) and records an error. */
  private record(build: () => CapturedError, severity = SeverityNumber.ERROR): void {
    try {
      const event = build();
      event.componentName ??= contextComponent();
      const key = fingerprint(event);
      const now = Date.now();
      const recent = (this.recent ??= new Map());
      const seen = recent.get(key);
      if (seen && now - seen.at < (this._config.dedupeWindowMs ?? ERROR_DEFAULTS.dedupeWindowMs)) {
        seen.suppressed++;
        this.dedupCounter?.add(1, { [ATTR_EXCEPTION_TYPE]: event.type });
        return;
      }
      if (recent.size > 1000) recent.clear();
      recent.set(key, { at: now, suppressed: 0 });
      let final: CapturedError | null = event;
      if (this._config.beforeSend) {
        try {
          final = this._config.beforeSend({ ...event, tags: { ...event.tags }, contexts: { ...event.contexts } });
        } catch (error) {
          this.beforeSendFailures++;
          diag.error('frametel errors: beforeSend threw; the error was dropped', error);
          return;
        }
      }
      if (final === null || final === undefined) return;
      // A stack trace repeats the message in its first line: a message scrubbed by beforeSend
      // must not survive there.
      if (
        final.message !== event.message &&
        final.stacktrace === event.stacktrace &&
        event.stacktrace &&
        event.message
      ) {
        final = { ...final, stacktrace: event.stacktrace.split(event.message).join(final.message) };
      }
      this.emit(final, severity);
    } catch (error) {
      diag.error('frametel errors: could not record an error', error);
    }
  }

  private emit(e: CapturedError, severity: SeverityNumber): void {
    const attributes: Attributes = {
      [ATTR_EXCEPTION_TYPE]: e.type,
      [ATTR_EXCEPTION_MESSAGE]: e.message,
      [ATTR_UI_ERROR_SOURCE]: e.source,
      [ATTR_UI_ERROR_HANDLED]: e.handled,
      [ATTR_UI_ERROR_FRAMES]: e.frames.map(frameToString),
    };
    if (e.stacktrace) attributes[ATTR_EXCEPTION_STACKTRACE] = e.stacktrace;
    if (e.componentStack) attributes[ATTR_UI_COMPONENT_STACK] = e.componentStack;
    if (e.componentName) attributes[ATTR_UI_COMPONENT_NAME] = e.componentName;
    // Only the id: email and username are personal data (and enduser.pseudo.id means a random,
    // unlinkable id, which a username is not). The Sentry bridge passes the user object as given.
    if (e.user?.id) attributes[ATTR_ENDUSER_ID] = e.user.id;
    for (const [k, v] of Object.entries(e.tags)) attributes[`${ATTR_UI_ERROR_TAG_PREFIX}${k}`] = v;
    for (const [name, ctx] of Object.entries(e.contexts))
      for (const [k, v] of Object.entries(ctx)) attributes[`${ATTR_UI_ERROR_CONTEXT_PREFIX}${name}.${k}`] = v;
    const span = trace.getActiveSpan();
    if (span?.isRecording()) {
      span.addEvent(EVENT_EXCEPTION, {
        [ATTR_EXCEPTION_TYPE]: e.type,
        [ATTR_EXCEPTION_MESSAGE]: e.message,
        ...(e.stacktrace ? { [ATTR_EXCEPTION_STACKTRACE]: e.stacktrace } : {}),
      });
      span.setStatus({ code: SpanStatusCode.ERROR, message: e.message });
    }
    this.logger.emit({
      eventName: EVENT_EXCEPTION,
      severityNumber: severity,
      severityText: severity >= SeverityNumber.ERROR ? 'ERROR' : 'WARN',
      body: e.message,
      attributes,
      context: context.active(),
    });
    this.errorsCounter?.add(1, { [ATTR_EXCEPTION_TYPE]: e.type, [ATTR_UI_ERROR_SOURCE]: e.source });
    if (this._config.sentry) {
      try {
        this._config.sentry.capture(e);
      } catch (error) {
        this.sentryFailures = (this.sentryFailures ?? 0) + 1;
        diag.error('frametel errors: the Sentry bridge failed', error);
      }
    }
  }
}

/** `captureException` on the enabled ErrorInstrumentation; without one it does nothing. */
export function captureException(error: unknown, options?: CaptureOptions): void {
  active?.captureException(error, options);
}
