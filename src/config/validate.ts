import { resolveBudgetsOption, SEVERITIES } from '../budgets/validate.js';
import { resolvePersistence } from '../delivery/validate.js';
import type { AlertsOptions } from '../alerts/types.js';
import { DEFAULTS, type FrametelOptions, type ResolvedConfig } from '../options.js';
import type { OperationStatsOptions } from '../stats/operation-stats.js';
import {
  checkArray,
  checkAttributes,
  checkBoolean,
  checkMethods,
  checkMethodsArray,
  checkNumber,
  checkObject,
  checkString,
  checkUrl,
  fail,
} from './checks.js';
import { invalid, quoted } from './errors.js';

const OPTION_KEYS = [
  'serviceName',
  'serviceVersion',
  'endpoint',
  'endpoints',
  'headers',
  'resourceAttributes',
  'sampleRate',
  'budgets',
  'alerts',
  'instrumentations',
  'exporters',
  'enabled',
  'debug',
  'metricExportIntervalMs',
  'maxQueueSize',
  'contextManager',
  'stats',
  'persistence',
  'flushOnHide',
  'spanProcessors',
] as const;
const SIGNALS = ['traces', 'metrics', 'logs'] as const;
// RFC 9110 token characters: what a header name may contain.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function resolveUrls(o: Record<string, unknown>): ResolvedConfig['urls'] {
  const endpoint = o.endpoint === undefined ? DEFAULTS.endpoint : o.endpoint;
  const overrides = o.endpoints === undefined ? {} : checkObject('endpoints', o.endpoints, SIGNALS);
  const explicit: Partial<Record<(typeof SIGNALS)[number], string>> = {};
  for (const signal of SIGNALS) {
    if (overrides[signal] !== undefined) explicit[signal] = checkUrl(`endpoints.${signal}`, overrides[signal]);
  }
  if (endpoint === false) {
    // Nothing is exported over OTLP then: per-signal URLs would be silently ignored.
    if (o.endpoints !== undefined) {
      fail({
        path: 'endpoints',
        expected: 'no endpoints when endpoint is false',
        got: o.endpoints,
        reason: 'given with endpoint: false, which turns OTLP export off; remove endpoints or set endpoint',
      });
    }
    return null;
  }
  if (endpoint === true) fail(invalid('endpoint', `an http(s) URL, a path such as '/otel', or false`, endpoint));
  const base = checkUrl('endpoint', endpoint, true);
  // Per signal: its own URL, else the base with the signal's OTLP path (`/v1/traces`).
  return Object.fromEntries(
    SIGNALS.map((signal) => [signal, explicit[signal] ?? `${base}/v1/${signal}`]),
  ) as ResolvedConfig['urls'];
}

// Field values may not contain CR, LF or NUL (RFC 9110 §5.5): fetch and Node refuse such headers,
// so every export would fail.
const HEADER_VALUE_FORBIDDEN = /[\r\n\0]/;

function resolveHeaders(value: unknown): Record<string, string> {
  const headers = checkObject('headers', value, null, 'an object of header names to string values');
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(headers)) {
    const at = `headers[${JSON.stringify(name)}]`;
    if (!HEADER_NAME.test(name)) fail(invalid(at, "an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)", name));
    // The OTLP exporters merge headers with Object.assign, where `__proto__` sets a prototype
    // instead of a header: it would never be sent.
    if (name === '__proto__') fail(invalid(at, 'a header name other than __proto__', name));
    if (typeof v !== 'string') fail(invalid(at, 'a string', v));
    if (HEADER_VALUE_FORBIDDEN.test(v)) fail(invalid(at, 'a string without CR, LF or NUL characters', v));
    out[name] = v;
  }
  return out;
}

function resolveAlerts(value: unknown): AlertsOptions {
  const a = checkObject('alerts', value, ['destinations', 'minSeverity', 'throttleMs']);
  const out: AlertsOptions = {};
  if (a.destinations !== undefined) {
    out.destinations = checkMethodsArray(
      'alerts.destinations',
      a.destinations,
      'an array of alert destinations',
      ['send'],
      'an alert destination { name, send(violation) } such as consoleAlerts()',
    ) as AlertsOptions['destinations'];
  }
  if (a.minSeverity !== undefined) {
    if (!SEVERITIES.includes(a.minSeverity as string)) {
      fail(invalid('alerts.minSeverity', `one of ${quoted(SEVERITIES)}`, a.minSeverity));
    }
    out.minSeverity = a.minSeverity as AlertsOptions['minSeverity'];
  }
  if (a.throttleMs !== undefined)
    out.throttleMs = checkNumber('alerts.throttleMs', a.throttleMs, 0, Infinity, 'a number of milliseconds ≥ 0');
  return out;
}

function resolveExporters(value: unknown): ResolvedConfig['exporters'] {
  const e = checkObject('exporters', value, SIGNALS);
  const list = (signal: (typeof SIGNALS)[number], methods: string[], what: string) =>
    e[signal] === undefined
      ? []
      : checkMethodsArray(
          `exporters.${signal}`,
          e[signal],
          `an array of ${what}s`,
          methods,
          `a ${what} (an object with ${methods.join(' and ')})`,
        );
  return {
    traces: list('traces', ['export', 'shutdown'], 'SpanExporter') as ResolvedConfig['exporters']['traces'],
    metrics: list(
      'metrics',
      ['export', 'forceFlush', 'shutdown'],
      'PushMetricExporter',
    ) as ResolvedConfig['exporters']['metrics'],
    logs: list('logs', ['export', 'shutdown'], 'LogRecordExporter') as ResolvedConfig['exporters']['logs'],
  };
}

function resolveStats(value: unknown): OperationStatsOptions {
  const s = checkObject('stats', value, ['relativeAccuracy', 'binLimit', 'maxOperations']);
  const out: OperationStatsOptions = {};
  if (s.relativeAccuracy !== undefined) {
    out.relativeAccuracy = checkNumber(
      'stats.relativeAccuracy',
      s.relativeAccuracy,
      1e-4,
      0.1,
      'a number from 0.0001 to 0.1',
    );
  }
  if (s.binLimit !== undefined)
    out.binLimit = checkNumber('stats.binLimit', s.binLimit, 16, 1e5, 'an integer from 16 to 100000', true);
  if (s.maxOperations !== undefined) {
    out.maxOperations = checkNumber(
      'stats.maxOperations',
      s.maxOperations,
      1,
      1e6,
      'an integer from 1 to 1000000',
      true,
    );
  }
  return out;
}

// Everything registerInstrumentations() calls: checked before register() touches the previous
// handle, so a malformed instrumentation cannot leave the app with no telemetry.
const INSTRUMENTATION_METHODS = ['enable', 'disable', 'setTracerProvider', 'setMeterProvider', 'getConfig'];
const INSTRUMENTATION_EXPECTED = `an OpenTelemetry Instrumentation (an object with ${INSTRUMENTATION_METHODS.join(', ')})`;

function checkInstrumentation(path: string, value: unknown): ResolvedConfig['instrumentations'][number] {
  checkMethods(path, value, INSTRUMENTATION_METHODS, INSTRUMENTATION_EXPECTED);
  const i = value as Record<string, unknown> & { getConfig(): unknown };
  // Called only when present, but then it must be callable.
  if (i.setLoggerProvider != null && typeof i.setLoggerProvider !== 'function') {
    fail(invalid(`${path}.setLoggerProvider`, 'a function or nothing', i.setLoggerProvider));
  }
  let config: unknown;
  try {
    config = i.getConfig();
  } catch {
    config = undefined;
  }
  if (typeof config !== 'object' || config === null) {
    fail(invalid(`${path}.getConfig()`, 'an instrumentation config object', config));
  }
  return value as ResolvedConfig['instrumentations'][number];
}

/**
 * Validates register()'s options and returns the effective config with defaults applied.
 * Throws one FrametelConfigError on the first bad option; never mutates `input`.
 */
export function validateOptions(input: unknown): ResolvedConfig {
  const o = checkObject('options', input, OPTION_KEYS, 'an options object such as { serviceName: "shop-web" }');
  const opt = <K extends keyof FrametelOptions, T>(key: K, check: (path: string, v: unknown) => T): T | undefined =>
    o[key] === undefined ? undefined : check(key, o[key]);

  const serviceName = checkString('serviceName', o.serviceName, `a non-empty string (the service.name of your app)`);
  const instrumentations = opt('instrumentations', (p, v) =>
    checkArray(p, v, 'an array of OpenTelemetry instrumentations').map((x, i) => checkInstrumentation(`${p}[${i}]`, x)),
  );
  const spanProcessors = opt(
    'spanProcessors',
    (p, v) =>
      checkMethodsArray(
        p,
        v,
        'an array of span processors',
        ['onStart', 'onEnd', 'forceFlush', 'shutdown'],
        'a SpanProcessor (an object with onStart, onEnd, forceFlush and shutdown)',
      ) as ResolvedConfig['spanProcessors'],
  );
  const contextManager = opt('contextManager', (p, v) => {
    checkMethods(p, v, ['active', 'with', 'bind', 'enable', 'disable'], 'an OpenTelemetry ContextManager');
    return v as ResolvedConfig['contextManager'];
  });

  return {
    serviceName,
    serviceVersion: opt('serviceVersion', (p, v) => checkString(p, v)),
    urls: resolveUrls(o),
    headers: opt('headers', (_p, v) => resolveHeaders(v)) ?? {},
    resourceAttributes: {
      ...(opt('resourceAttributes', checkAttributes) ?? {}),
    } as ResolvedConfig['resourceAttributes'],
    sampleRate: opt('sampleRate', (p, v) => checkNumber(p, v, 0, 1, 'a number from 0 to 1')) ?? DEFAULTS.sampleRate,
    budgets: resolveBudgetsOption(o.budgets === undefined ? DEFAULTS.budgets : o.budgets),
    alerts: opt('alerts', (_p, v) => resolveAlerts(v)) ?? {},
    instrumentations: instrumentations ?? [],
    exporters: opt('exporters', (_p, v) => resolveExporters(v)) ?? { traces: [], metrics: [], logs: [] },
    spanProcessors: spanProcessors ?? [],
    enabled: opt('enabled', checkBoolean) ?? DEFAULTS.enabled,
    debug: opt('debug', checkBoolean) ?? DEFAULTS.debug,
    metricExportIntervalMs:
      opt('metricExportIntervalMs', (p, v) =>
        checkNumber(p, v, 100, 86_400_000, 'a number of milliseconds from 100 to 86400000'),
      ) ?? DEFAULTS.metricExportIntervalMs,
    maxQueueSize:
      opt('maxQueueSize', (p, v) => checkNumber(p, v, 1, 1e6, 'an integer from 1 to 1000000', true)) ??
      DEFAULTS.maxQueueSize,
    contextManager,
    stats: opt('stats', (_p, v) => resolveStats(v)) ?? {},
    persistence: resolvePersistence(o.persistence),
    flushOnHide: opt('flushOnHide', checkBoolean) ?? DEFAULTS.flushOnHide,
  };
}

/** The effective config as printed by `debug: true`: header values redacted, objects by class name. */
export function describeConfig(config: ResolvedConfig): Record<string, unknown> {
  const name = (x: object) => (x.constructor?.name && x.constructor.name !== 'Object' ? x.constructor.name : 'object');
  return {
    ...config,
    headers: Object.fromEntries(Object.keys(config.headers).map((k) => [k, '<redacted>'])),
    instrumentations: config.instrumentations.map((i) => i.instrumentationName ?? name(i)),
    spanProcessors: config.spanProcessors.map(name),
    exporters: Object.fromEntries(SIGNALS.map((signal) => [signal, config.exporters[signal].map(name)])),
    alerts: { ...config.alerts, destinations: (config.alerts.destinations ?? []).map((d) => d.name) },
    contextManager: config.contextManager ? name(config.contextManager) : 'StackContextManager (default)',
  };
}
