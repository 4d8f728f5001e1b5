import { DiagConsoleLogger, DiagLogLevel, diag, type Attributes } from '@opentelemetry/api';
import { checkTrackFn } from './config/calls.js';
import { describeConfig, validateOptions } from './config/validate.js';
import type { Frametel } from './handle.js';
import { NoopFrametel } from './noop.js';
import type { FrametelOptions } from './options.js';
import { FrametelRuntime } from './runtime.js';

let active: FrametelRuntime | undefined;

/**
 * Sets up frametel: tracer, meter and logger providers exporting OTLP/HTTP, W3C propagation,
 * budgets, operation stats and alerts, and registers the given instrumentations. Call it once
 * in the app's bootstrap. Throws FrametelConfigError for invalid options, and nothing else.
 *
 * Calling it again (hot module reload re-running the bootstrap) replaces the previous handle:
 * the old one releases the OTel globals at once and flushes and shuts down in the background.
 */
export function register(options: FrametelOptions): Frametel {
  const config = validateOptions(options);
  if (config.debug) {
    diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.INFO);
    console.info('[frametel] effective config:', JSON.stringify(describeConfig(config), null, 2));
  }
  if (!config.enabled) return new NoopFrametel(config.serviceName);

  const previous = active;
  if (previous) {
    diag.warn('frametel: register() called again; shutting down the previous handle');
    previous.releaseGlobals();
    void previous.shutdown();
  }
  const runtime: FrametelRuntime = new FrametelRuntime(config, () => {
    if (active === runtime) active = undefined;
  });
  runtime.registerGlobals();
  active = runtime;
  return runtime;
}

/** The handle of the last register() call, until it is shut down. */
export function activeFrametel(): Frametel | undefined {
  return active;
}

/**
 * `track()` on the registered handle; without one (not registered, disabled, or shut down) it
 * just runs fn. Handy in modules that cannot reach the handle. Throws FrametelConfigError when fn
 * is not a function (a programming error), registered or not.
 */
export function track<T>(operation: string, fn: () => T, attributes?: Attributes): T {
  checkTrackFn('track', fn);
  return active ? active.track(operation, fn, attributes) : fn();
}
