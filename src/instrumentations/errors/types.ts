import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/** One parsed stack frame. */
export interface ErrorFrame {
  function?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** What beforeSend sees and may change (or drop by returning null). */
export interface CapturedError {
  type: string;
  message: string;
  stacktrace?: string;
  frames: ErrorFrame[];
  /** window.error | unhandledrejection | process.uncaughtException | process.unhandledRejection | captureException | react | console.error | console.warn */
  source: string;
  /** false for errors nobody caught (window error, unhandled rejection). */
  handled: boolean;
  tags: Record<string, string>;
  contexts: Record<string, Record<string, string | number | boolean>>;
  user?: { id?: string; email?: string; username?: string };
  /** The React component stack, for errors caught by TracedErrorBoundary. */
  componentStack?: string;
  /** The component that threw (`ui.component.name`), for errors caught by TracedErrorBoundary. */
  componentName?: string;
}

export interface CaptureOptions {
  tags?: Record<string, string>;
  contexts?: Record<string, Record<string, string | number | boolean>>;
  /** The user: `id` becomes `enduser.id`; email and username reach only Sentry (if bridged). */
  user?: CapturedError['user'];
}

export interface ErrorInstrumentationConfig extends InstrumentationConfig {
  /**
   * Last look at each error before it is recorded: return it (changed or not), or null to drop
   * it. If it throws, the error is dropped (it may have been scrubbing personal data) and the
   * failure counted. Default: none.
   */
  beforeSend?: (event: CapturedError) => CapturedError | null;
  /** Identical errors (type, message, top frame) within this window are recorded once and counted. Default `ERROR_DEFAULTS.dedupeWindowMs` (5000 ms). */
  dedupeWindowMs?: number;
  /** Frames kept per error, 0 to 1000. Default `ERROR_DEFAULTS.maxFrames` (50). */
  maxFrames?: number;
  /** Tags added to every error (`ui.error.tag.<key>`). Default {}. */
  tags?: Record<string, string>;
  /** Also record console.error / console.warn calls as log records. Default `ERROR_DEFAULTS.captureConsole` (false). */
  captureConsole?: boolean;
  /**
   * Also send each recorded error (after beforeSend) to Sentry, with the active span's trace
   * and span ids: `sentry: sentryBridge(Sentry, { dsn })` from `frametel/errors/sentry`. Default: none.
   */
  sentry?: { capture(event: CapturedError): void };
}
