import { describe, expect, it } from 'vitest';
import { FrametelConfigError, register } from '../../../src/index.js';

const S = { serviceName: 'shop-web' };
const URL_EXPECTED = `an http(s) URL such as 'http://localhost:4318' or a path such as '/otel', without fragment`;
const BASE_URL_EXPECTED = `an http(s) URL such as 'http://localhost:4318' or a path such as '/otel', without query or fragment`;
const ALL_OPTIONS =
  'serviceName, serviceVersion, endpoint, endpoints, headers, resourceAttributes, sampleRate, budgets, alerts, instrumentations, exporters, enabled, debug, metricExportIntervalMs, maxQueueSize, contextManager, stats, persistence, flushOnHide, spanProcessors';
const ATTR_EXPECTED = 'a string, number or boolean, or an array of one of those';
const PRESET_EXPECTED = `a preset ('strict', 'normal', 'relaxed') or a BudgetMap object`;

// [what, options given to register(), exact message]
const cases: Array<[string, unknown, string]> = [
  [
    'persistence: a string',
    { ...S, persistence: 'yes' },
    'persistence: expected true, false or { maxItems, maxBytes, signals }, got "yes"',
  ],
  [
    'persistence.maxItems: 0',
    { ...S, persistence: { maxItems: 0 } },
    'persistence.maxItems: expected an integer from 1 to 1000000, got 0',
  ],
  [
    'persistence.signals: unknown scope',
    { ...S, persistence: { signals: 'errors' } },
    `persistence.signals: expected 'important' or 'all', got "errors"`,
  ],
  [
    'persistence: typo in a key',
    { ...S, persistence: { maxItem: 5 } },
    'persistence.maxItem: unknown option (did you mean maxItems?); expected one of maxItems, maxBytes, signals',
  ],
  ['flushOnHide: a string', { ...S, flushOnHide: 'no' }, 'flushOnHide: expected true or false, got "no"'],
  ['no options', undefined, 'options: expected an options object such as { serviceName: "shop-web" }, got undefined'],
  ['null options', null, 'options: expected an options object such as { serviceName: "shop-web" }, got null'],
  [
    'a string instead of options',
    'shop',
    'options: expected an options object such as { serviceName: "shop-web" }, got "shop"',
  ],
  ['missing serviceName', {}, 'serviceName: expected a non-empty string (the service.name of your app), got undefined'],
  [
    'empty serviceName',
    { serviceName: '' },
    'serviceName: expected a non-empty string (the service.name of your app), got ""',
  ],
  [
    'numeric serviceName',
    { serviceName: 42 },
    'serviceName: expected a non-empty string (the service.name of your app), got 42',
  ],
  [
    'typo in an option name',
    { serviceNme: 'x' },
    `serviceNme: unknown option (did you mean serviceName?); expected one of ${ALL_OPTIONS}`,
  ],
  [
    'typo in sampleRate',
    { ...S, sampelRate: 1 },
    `sampelRate: unknown option (did you mean sampleRate?); expected one of ${ALL_OPTIONS}`,
  ],
  ['unrelated unknown option', { ...S, colour: 'red' }, `colour: unknown option; expected one of ${ALL_OPTIONS}`],
  ['numeric serviceVersion', { ...S, serviceVersion: 3 }, 'serviceVersion: expected a non-empty string, got 3'],
  [
    'endpoint true',
    { ...S, endpoint: true },
    `endpoint: expected an http(s) URL, a path such as '/otel', or false, got true`,
  ],
  ['ftp endpoint', { ...S, endpoint: 'ftp://x' }, `endpoint: expected ${BASE_URL_EXPECTED}, got "ftp://x"`],
  ['endpoint not a URL', { ...S, endpoint: 'not a url' }, `endpoint: expected ${BASE_URL_EXPECTED}, got "not a url"`],
  ['numeric endpoint', { ...S, endpoint: 42 }, `endpoint: expected ${BASE_URL_EXPECTED}, got 42`],
  [
    'protocol-relative endpoint',
    { ...S, endpoint: '//collector' },
    `endpoint: expected ${BASE_URL_EXPECTED}, got "//collector"`,
  ],
  ['endpoints not an object', { ...S, endpoints: 'x' }, 'endpoints: expected an object, got "x"'],
  [
    'typo in endpoints',
    { ...S, endpoints: { trace: 'http://a' } },
    'endpoints.trace: unknown option (did you mean traces?); expected one of traces, metrics, logs',
  ],
  [
    'bad per-signal URL',
    { ...S, endpoints: { logs: 'mailto:x' } },
    `endpoints.logs: expected ${URL_EXPECTED}, got "mailto:x"`,
  ],
  [
    'headers not an object',
    { ...S, headers: 'x' },
    'headers: expected an object of header names to string values, got "x"',
  ],
  [
    'bad header name',
    { ...S, headers: { 'bad header': 'v' } },
    `headers["bad header"]: expected an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~), got "bad header"`,
  ],
  ['numeric header value', { ...S, headers: { a: 1 } }, 'headers["a"]: expected a string, got 1'],
  [
    'object resource attribute',
    { ...S, resourceAttributes: { a: {} } },
    `resourceAttributes["a"]: expected ${ATTR_EXPECTED}, got an object`,
  ],
  [
    'mixed array resource attribute',
    { ...S, resourceAttributes: { a: [1, 'x'] } },
    `resourceAttributes["a"]: expected ${ATTR_EXPECTED}, got an array of length 2`,
  ],
  ['sampleRate above 1', { ...S, sampleRate: 1.5 }, 'sampleRate: expected a number from 0 to 1, got 1.5'],
  ['negative sampleRate', { ...S, sampleRate: -0.1 }, 'sampleRate: expected a number from 0 to 1, got -0.1'],
  ['string sampleRate', { ...S, sampleRate: '0.5' }, 'sampleRate: expected a number from 0 to 1, got "0.5"'],
  ['NaN sampleRate', { ...S, sampleRate: Number.NaN }, 'sampleRate: expected a number from 0 to 1, got NaN'],
  ['unknown preset', { ...S, budgets: 'fast' }, `budgets: expected ${PRESET_EXPECTED}, got "fast"`],
  ['numeric budgets', { ...S, budgets: 5 }, `budgets: expected ${PRESET_EXPECTED}, got 5`],
  [
    'negative budget (the issue example)',
    { ...S, budgets: { 'table.sort': -3 } },
    'budgets["table.sort"]: expected a positive number of milliseconds, got -3',
  ],
  [
    'zero budget',
    { ...S, budgets: { 'table.sort': 0 } },
    'budgets["table.sort"]: expected a positive number of milliseconds, got 0',
  ],
  [
    'infinite budget',
    { ...S, budgets: { x: Number.POSITIVE_INFINITY } },
    'budgets["x"]: expected a positive number of milliseconds, got Infinity',
  ],
  [
    'budget as a string',
    { ...S, budgets: { 'table.sort': '50ms' } },
    'budgets["table.sort"]: expected a positive number of milliseconds or { budgetMs, severity?, impact?, enabled? }, got "50ms"',
  ],
  [
    'unknown severity',
    { ...S, budgets: { 'table.sort': { budgetMs: 10, severity: 'fatal' } } },
    `budgets["table.sort"].severity: expected one of 'warning', 'error', 'critical', got "fatal"`,
  ],
  [
    'unknown impact',
    { ...S, budgets: { x: { budgetMs: 10, impact: 'loud' } } },
    `budgets["x"].impact: expected one of 'userVisible', 'background', got "loud"`,
  ],
  [
    'non-boolean enabled',
    { ...S, budgets: { x: { budgetMs: 10, enabled: 'yes' } } },
    'budgets["x"].enabled: expected a boolean, got "yes"',
  ],
  [
    'typo in a budget field',
    { ...S, budgets: { x: { budgetMs: 10, sevrity: 'error' } } },
    'budgets["x"].sevrity: unknown budget field (did you mean severity?); expected one of budgetMs, severity, impact, enabled',
  ],
  [
    'budget key without operation',
    { ...S, budgets: { ':sub': 10 } },
    'budgets[":sub"]: invalid budget key; expected "operation" or "operation:subject", got ":sub"',
  ],
  [
    'budget key without subject',
    { ...S, budgets: { 'table.sort:': 10 } },
    'budgets["table.sort:"]: invalid budget key; expected "operation" or "operation:subject", got "table.sort:"',
  ],
  [
    'entry without budgetMs',
    { ...S, budgets: { x: { severity: 'error' } } },
    'budgets["x"].budgetMs: expected a positive number of milliseconds, got undefined',
  ],
  ['alerts as an array', { ...S, alerts: [] }, 'alerts: expected an object, got an array of length 0'],
  [
    'bad alert destination',
    { ...S, alerts: { destinations: [{}] } },
    'alerts.destinations[0]: expected an alert destination { name, send(violation) } such as consoleAlerts(), got an object',
  ],
  [
    'unknown minSeverity',
    { ...S, alerts: { minSeverity: 'info' } },
    `alerts.minSeverity: expected one of 'warning', 'error', 'critical', got "info"`,
  ],
  [
    'negative throttle',
    { ...S, alerts: { throttleMs: -1 } },
    'alerts.throttleMs: expected a number of milliseconds ≥ 0, got -1',
  ],
  [
    'instrumentations not an array',
    { ...S, instrumentations: {} },
    'instrumentations: expected an array of OpenTelemetry instrumentations, got an object',
  ],
  [
    'not an instrumentation',
    { ...S, instrumentations: [{}] },
    'instrumentations[0]: expected an OpenTelemetry Instrumentation (an object with enable, disable, setTracerProvider, setMeterProvider, getConfig), got an object',
  ],
  [
    'not a span exporter',
    { ...S, exporters: { traces: [{}] } },
    'exporters.traces[0]: expected a SpanExporter (an object with export and shutdown), got an object',
  ],
  [
    'unknown exporter signal',
    { ...S, exporters: { spans: [] } },
    'exporters.spans: unknown option; expected one of traces, metrics, logs',
  ],
  ['enabled as a string', { ...S, enabled: 'false' }, 'enabled: expected true or false, got "false"'],
  ['debug as a number', { ...S, debug: 1 }, 'debug: expected true or false, got 1'],
  [
    'metric interval too short',
    { ...S, metricExportIntervalMs: 10 },
    'metricExportIntervalMs: expected a number of milliseconds from 100 to 86400000, got 10',
  ],
  [
    'fractional queue size',
    { ...S, maxQueueSize: 1.5 },
    'maxQueueSize: expected an integer from 1 to 1000000, got 1.5',
  ],
  [
    'not a context manager',
    { ...S, contextManager: {} },
    'contextManager: expected an OpenTelemetry ContextManager, got an object',
  ],
  [
    'sketch accuracy too coarse',
    { ...S, stats: { relativeAccuracy: 0.5 } },
    'stats.relativeAccuracy: expected a number from 0.0001 to 0.1, got 0.5',
  ],
  [
    'zero maxOperations',
    { ...S, stats: { maxOperations: 0 } },
    'stats.maxOperations: expected an integer from 1 to 1000000, got 0',
  ],
  [
    'class instance as options',
    new (class Options {})(),
    'options: expected an options object such as { serviceName: "shop-web" }, got an instance of Options',
  ],
];

// [what, options, the literal path, expected, got]: the fields are set by the code that found the
// problem, never cut out of the message (a subject key or a URL contains ':').
const fieldCases: Array<[string, unknown, string, string, unknown]> = [
  [
    'a budget key with a subject',
    { ...S, budgets: { 'table.sort:Orders': -1 } },
    'budgets["table.sort:Orders"]',
    'a positive number of milliseconds',
    -1,
  ],
  [
    'a budget field under a subject key',
    { ...S, budgets: { 'table.sort:Orders': { budgetMs: 5, severity: 'loud' } } },
    'budgets["table.sort:Orders"].severity',
    `one of 'warning', 'error', 'critical'`,
    'loud',
  ],
  [
    'a budget key without a subject',
    { ...S, budgets: { 'table.sort:': 10 } },
    'budgets["table.sort:"]',
    '"operation" or "operation:subject"',
    'table.sort:',
  ],
  [
    'a per-signal URL with a port',
    { ...S, endpoints: { traces: 'ftp://collector:4318/v1/traces' } },
    'endpoints.traces',
    URL_EXPECTED,
    'ftp://collector:4318/v1/traces',
  ],
  ['an endpoint with a port', { ...S, endpoint: 'gopher://h:70' }, 'endpoint', BASE_URL_EXPECTED, 'gopher://h:70'],
  ['a nested option', { ...S, alerts: { throttleMs: -1 } }, 'alerts.throttleMs', 'a number of milliseconds ≥ 0', -1],
  [
    'an unknown nested option',
    { ...S, stats: { maxOps: 3 } },
    'stats.maxOps',
    'one of relativeAccuracy, binLimit, maxOperations',
    3,
  ],
  [
    'a header with a colon in its name',
    { ...S, headers: { 'x:y': 'v' } },
    'headers["x:y"]',
    "an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
    'x:y',
  ],
  [
    'an exporter in a list',
    { ...S, exporters: { logs: [{ export() {} }] } },
    'exporters.logs[0]',
    'a LogRecordExporter (an object with export and shutdown)',
    undefined,
  ],
];

describe('FrametelConfigError carries path, expected and got as data', () => {
  it.each(fieldCases)('%s', (_what, options, path, expected, got) => {
    let thrown: unknown;
    try {
      register(options as Parameters<typeof register>[0]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FrametelConfigError);
    const error = thrown as FrametelConfigError;
    expect(error.path).toBe(path);
    expect(error.expected).toBe(expected);
    if (got !== undefined) expect(error.got).toBe(got);
    expect(error.message.startsWith(`${path}: `)).toBe(true);
  });

  it('keeps the value given itself, not its rendering', () => {
    const value = { budgetMs: 'soon' };
    try {
      register({ ...S, budgets: { 'table.sort:Orders': value as never } });
      expect.unreachable();
    } catch (error) {
      expect((error as FrametelConfigError).got).toBe('soon');
      expect((error as FrametelConfigError).path).toBe('budgets["table.sort:Orders"].budgetMs');
    }
  });
});

describe('register() rejects bad options with one FrametelConfigError naming path, expectation and value', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('%s', (_what, options, message) => {
    let thrown: unknown;
    try {
      register(options as Parameters<typeof register>[0]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FrametelConfigError);
    const error = thrown as FrametelConfigError;
    expect(error.name).toBe('FrametelConfigError');
    expect(error.message).toBe(message);
    expect(message.startsWith(`${error.path}: `)).toBe(true);
  });

  it('truncates long string values in messages', () => {
    expect(() => register({ ...S, endpoint: `x${'a'.repeat(200)}` })).toThrow(/got "xa{56}\.\.\."$/);
  });

  it('accepts every option at once and does not mutate or freeze-break the caller object', async () => {
    const options = Object.freeze({
      serviceName: 'shop-web',
      serviceVersion: '1.2.3',
      endpoint: '/otel/',
      endpoints: Object.freeze({ logs: 'https://logs.example.com/v1/logs' }),
      headers: Object.freeze({ authorization: 'Bearer t' }),
      resourceAttributes: Object.freeze({
        'deployment.environment.name': 'test',
        tags: Object.freeze(['a', 'b']) as unknown as string[],
      }),
      sampleRate: 0.5,
      budgets: Object.freeze({ 'table.sort': Object.freeze({ budgetMs: 10, severity: 'error' as const }) }),
      alerts: Object.freeze({ destinations: Object.freeze([]) as never, minSeverity: 'error' as const, throttleMs: 0 }),
      instrumentations: Object.freeze([]) as never,
      exporters: Object.freeze({}),
      enabled: false,
      debug: false,
      metricExportIntervalMs: 1000,
      maxQueueSize: 10,
      stats: Object.freeze({ relativeAccuracy: 0.02, binLimit: 256, maxOperations: 10 }),
    });
    const before = JSON.stringify(options);
    const ft = register(options);
    expect(JSON.stringify(options)).toBe(before);
    await ft.shutdown();
  });
});
