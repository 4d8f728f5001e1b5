import { FrametelConfigError, invalid } from '../config/errors.js';
import type { Alert, AlertDestination } from './types.js';

export interface ConsoleAlertsOptions {
  /** The console to write to. Default: globalThis.console. */
  console?: Pick<Console, 'warn' | 'error'>;
}

/** Writes each alert as one console line: warnings with console.warn, error/critical with console.error. */
export function consoleAlerts(options: ConsoleAlertsOptions = {}): AlertDestination {
  return {
    name: 'console',
    send(alert) {
      const out = options.console ?? globalThis.console;
      const a = alert as Alert;
      const what = a.subject ? `${a.operation} (${a.subject})` : a.operation;
      const extra = a.suppressed > 0 ? ` (+${a.suppressed} similar suppressed)` : '';
      // Unitless measurements (CLS) are a score, not milliseconds; vitals other than INP have no trace.
      const value =
        a.unit === '1'
          ? `was ${a.actual.toFixed(3)}, budget ${a.budget}`
          : `took ${a.actual.toFixed(1)} ms, budget ${a.budget} ms`;
      const line = `[frametel] ${a.severity}: ${what} ${value}; trace ${a.traceId || 'none'}${extra}`;
      if (a.severity === 'warning') out.warn(line);
      else out.error(line);
    },
  };
}

/** Hands each alert to your function (sync or async). */
export function customAlerts(send: (alert: Alert) => void | Promise<void>, name = 'custom'): AlertDestination {
  if (typeof send !== 'function')
    throw new FrametelConfigError(invalid('customAlerts(send)', 'a function (alert) => void', send));
  return { name, send: (v) => send(v as Alert) };
}
