import type { Attributes, ContextManager } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { AlertsOptions } from './alerts/types.js';
import type { BudgetMap, BudgetPresetName } from './budgets/types.js';
import type { PersistenceConfig } from './delivery/persistence.js';
import type { OperationStatsOptions } from './stats/operation-stats.js';

/** Full OTLP/HTTP URLs per signal, overriding `endpoint` + `/v1/{signal}`. */
export interface SignalEndpoints {
  /** Default `${endpoint}/v1/traces`. */
  traces?: string;
  /** Default `${endpoint}/v1/metrics`. */
  metrics?: string;
  /** Default `${endpoint}/v1/logs`. */
  logs?: string;
}

/** Extra exporters, beside OTLP: tests (in-memory), a second back end, the console. */
export interface ExtraExporters {
  /** Each gets its own batch span processor. Default []. */
  traces?: SpanExporter[];
  /** Each gets its own periodic reader (`metricExportIntervalMs`). Default []. */
  metrics?: PushMetricExporter[];
  /** Each gets its own batch log record processor. Default []. */
  logs?: LogRecordExporter[];
}

/** Options of `register()`. Only `serviceName` is required. The object is never mutated. */
export interface FrametelOptions {
  /** service.name of the resource. Required, non-empty. */
  serviceName: string;
  /** service.version of the resource. Default: not set. */
  serviceVersion?: string;
  /**
   * OTLP/HTTP base URL (the collector); the exporters append /v1/traces, /v1/metrics, /v1/logs.
   * An absolute http(s) URL or a same-origin path such as '/otel'. `false` sends nothing over
   * OTLP (only `exporters` receive data). Default 'http://localhost:4318'.
   */
  endpoint?: string | false;
  /** Per-signal URL overrides. Default: derived from `endpoint`. */
  endpoints?: SignalEndpoints;
  /**
   * HTTP headers on every OTLP request, e.g. a collector bearer token. Never put vendor API
   * keys here: they belong in the collector. Default {}.
   */
  headers?: Record<string, string>;
  /** Extra resource attributes (deployment.environment.name, …). Default {}. */
  resourceAttributes?: Attributes;
  /**
   * Fraction of page sessions whose traces are exported, 0..1, decided once per session (kept
   * in sessionStorage where there is one) so a session is all in or all out. Sampled-out
   * operations are still timed, budget-checked, counted in stats and metrics, and reported to
   * listeners. Default 1.
   */
  sampleRate?: number;
  /** A preset name or a BudgetMap (ms). Default 'normal'. */
  budgets?: BudgetPresetName | BudgetMap;
  /** In-process alert destinations for budget violations. Default: none. */
  alerts?: AlertsOptions;
  /** OTel instrumentations, handed to registerInstrumentations with frametel's providers. Default []. */
  instrumentations?: Instrumentation[];
  /** Extra exporters. Default: none. */
  exporters?: ExtraExporters;
  /**
   * Extra span processors, run after frametel's own (budgets, stats: budget attributes are set
   * when they see a span) and before the exporting ones, e.g. the DevTools' `SpanRingBuffer`.
   * Default [].
   */
  spanProcessors?: SpanProcessor[];
  /** `false` returns a no-op handle: nothing is created, track() just runs the function. Default true. */
  enabled?: boolean;
  /** Prints the effective, merged config once (header values redacted) and enables diag logging. Default false. */
  debug?: boolean;
  /** How often metrics are exported, in ms (≥ 100). Default 30000. */
  metricExportIntervalMs?: number;
  /**
   * Capacity of the span and log batch queues; items past it are dropped and counted in
   * `ft.diagnostics()`. Until the export pipeline chunk arrives each signal holds this plus one
   * export batch (`min(512, maxQueueSize)`), at least 2048 (`diagnostics().heldDropped`).
   * Default 2048.
   */
  maxQueueSize?: number;
  /**
   * Context manager. Default: the web SDK's StackContextManager (synchronous parentage only);
   * pass a ZoneContextManager (browser) or AsyncLocalStorageContextManager (Node) to keep
   * parentage across `await`.
   */
  contextManager?: ContextManager;
  /** Operation stats (ft.stats) accuracy and bounds. */
  stats?: OperationStatsOptions;
  /**
   * Keep OTLP exports the collector refused (network error, 429, 5xx) in IndexedDB and re-send
   * them with backoff (honouring Retry-After), on `online` and on the next page load. `true` or
   * an object turns it on; memory is used where IndexedDB cannot be opened. Default: on where
   * `indexedDB` exists (browsers), off elsewhere.
   */
  persistence?: boolean | PersistenceOptions;
  /**
   * On `visibilitychange` → hidden and `pagehide`, flush logs, then traces, then metrics with
   * fetch keepalive within the browser's 64 KiB quota (what does not fit is kept when
   * `persistence` is on). Default true.
   */
  flushOnHide?: boolean;
}

/** Bounds and scope of `persistence`. */
export interface PersistenceOptions {
  /** Most records kept (a span, a log record, or one metrics export each); oldest dropped first. Default 1000. */
  maxItems?: number;
  /** Most bytes of OTLP/JSON kept; oldest dropped first. Default 2000000. */
  maxBytes?: number;
  /**
   * 'important': budget violation and error log records and the spans of their traces (plus
   * violated or failed spans). 'all': every span, log record and metrics export. Default 'important'.
   */
  signals?: 'important' | 'all';
}

/** Every default in one place. */
export const DEFAULTS = {
  endpoint: 'http://localhost:4318',
  sampleRate: 1,
  budgets: 'normal',
  enabled: true,
  debug: false,
  metricExportIntervalMs: 30_000,
  maxQueueSize: 2048,
  flushOnHide: true,
  persistence: { maxItems: 1000, maxBytes: 2_000_000, signals: 'important' },
} as const;

/**
 * The span and log batch processors' export batch: 512 (the SDK's default), the whole queue when
 * `maxQueueSize` is smaller. What is held before the pipeline chunk arrives depends on it too.
 */
export const exportBatchSize = (maxQueueSize: number): number => Math.min(512, maxQueueSize);

/** Options after validation: defaults applied, copies of everything the caller passed. */
export interface ResolvedConfig {
  serviceName: string;
  serviceVersion: string | undefined;
  /** null when OTLP export is off. */
  urls: { traces: string; metrics: string; logs: string } | null;
  headers: Record<string, string>;
  resourceAttributes: Attributes;
  sampleRate: number;
  budgets: BudgetMap;
  alerts: AlertsOptions;
  instrumentations: Instrumentation[];
  exporters: { traces: SpanExporter[]; metrics: PushMetricExporter[]; logs: LogRecordExporter[] };
  spanProcessors: SpanProcessor[];
  enabled: boolean;
  debug: boolean;
  metricExportIntervalMs: number;
  maxQueueSize: number;
  contextManager: ContextManager | undefined;
  stats: OperationStatsOptions;
  persistence: PersistenceConfig | false;
  flushOnHide: boolean;
}
