import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ManagedProcess } from '../collector/support/processes.js';
// @ts-expect-error -- plain ESM scripts shared with npm run collector:*
import { requireBinaries } from '../../collector/binaries.mjs';
// @ts-expect-error -- plain ESM scripts shared with npm run collector:*
import { JAEGER_CONFIG, collectorSetup } from '../../collector/stack.mjs';

/** A span as Jaeger's query API (`/api/traces`) returns it. */
export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  startTime: number; // µs
  duration: number; // µs
  references: Array<{ refType: string; spanID: string }>;
  tags: Array<{ key: string; type?: string; value: unknown }>;
  logs: Array<{ timestamp: number; fields: Array<{ key: string; value: unknown }> }>;
}

/** A span's tag value (undefined when it has none). */
export const tagOf = (s: JaegerSpan, key: string) => s.tags.find((t) => t.key === key)?.value;
/** The span's parent span id (undefined for a root). */
export const parentOf = (s: JaegerSpan) => s.references.find((r) => r.refType === 'CHILD_OF')?.spanID;

export interface StackOptions {
  /** Names the process logs in test-results/collector/ and the queue directory. */
  name: string;
  /** Start a Jaeger v2 (its own free ports) and point the collector's Jaeger fragment at it. */
  jaeger?: boolean;
  /** More collector arguments after collectorSetup's `--config` list (e.g. `yaml:` overrides). */
  args?: string[];
  /** A new queue directory on every collector start (a test's stored batches never reach the next test). */
  freshQueue?: boolean;
}

type Port = 'http' | 'grpc' | 'health' | 'metrics';
type JaegerPort = 'jaegerGrpc' | 'jaegerHttp' | 'jaegerQuery' | 'jaegerQueryGrpc' | 'jaegerHealth';

/**
 * otelcol-frametel (and optionally Jaeger) as real processes on free 127.0.0.1 ports, the way
 * `npm run collector:start -- --with-jaeger` runs them: collectorSetup decides the config
 * fragments from the environment. Processes log to test-results/collector/<name>-*.log and are
 * SIGKILLed if the test process exits first (ManagedProcess).
 */
export class CollectorStack {
  readonly ports = {} as Record<Port, number> & Partial<Record<JaegerPort, number>>;
  collector: ManagedProcess | undefined;
  jaeger: ManagedProcess | undefined;
  /** The collector's back ends of its last start (collectorSetup's `enabled`). */
  enabled: string[] = [];
  private readonly bins = requireBinaries() as { collector: string; jaeger: string };
  private readonly queueDirs: string[] = [];
  private env: Record<string, string> = {};

  constructor(private readonly options: StackOptions) {}

  /** The browser/SDK endpoint: OTLP/HTTP base URL. */
  get otlpHttp(): string {
    return `http://127.0.0.1:${this.ports.http}`;
  }

  /**
   * Picks the free ports and sets `env`, the environment collector/stack.mjs's collectorSetup
   * gets on every collector start over the ports, the queue directory and FRAMETEL_BATCH_TIMEOUT
   * 100ms: the back ends (SENTRY_DSN, DD_*, NEW_RELIC_*), FRAMETEL_CORS_ORIGINS, …
   * (FRAMETEL_JAEGER is 'off' without `jaeger`). For a test that starts the collector later.
   */
  async prepare(env: Record<string, string> = {}): Promise<this> {
    this.env = env;
    if (this.ports.http !== undefined) return this;
    for (const name of ['http', 'grpc', 'health', 'metrics'] as const) this.ports[name] = await freePort();
    if (this.options.jaeger)
      for (const name of ['jaegerGrpc', 'jaegerHttp', 'jaegerQuery', 'jaegerQueryGrpc', 'jaegerHealth'] as const)
        this.ports[name] = await freePort();
    return this;
  }

  /** prepare(env), then starts Jaeger (if asked) and the collector and waits until both answer. */
  async start(env: Record<string, string> = {}): Promise<this> {
    await this.prepare(env);
    if (this.options.jaeger) {
      const p = this.ports as Record<JaegerPort, number>;
      this.jaeger = new ManagedProcess(
        `${this.options.name}-jaeger`,
        this.bins.jaeger,
        ['--config', JAEGER_CONFIG as string],
        {
          ...process.env,
          JAEGER_OTLP_GRPC_PORT: String(p.jaegerGrpc),
          JAEGER_OTLP_HTTP_PORT: String(p.jaegerHttp),
          JAEGER_QUERY_PORT: String(p.jaegerQuery),
          JAEGER_QUERY_GRPC_PORT: String(p.jaegerQueryGrpc),
          JAEGER_HEALTH_PORT: String(p.jaegerHealth),
        },
      ).start();
    }
    await Promise.all([
      this.jaeger?.waitForHttp(`http://127.0.0.1:${this.ports.jaegerHealth}/status`),
      this.startCollector(),
    ]);
    return this;
  }

  /** Starts (or restarts, after stopCollector/crashCollector) the collector; `env` overrides this start only. */
  async startCollector(env: Record<string, string> = {}): Promise<void> {
    if (this.queueDirs.length === 0 || this.options.freshQueue)
      this.queueDirs.push(mkdtempSync(join(tmpdir(), `frametel-${this.options.name}-queue-`)));
    const setup = collectorSetup({
      ...process.env,
      FRAMETEL_OTLP_HTTP_ENDPOINT: `127.0.0.1:${this.ports.http}`,
      FRAMETEL_OTLP_GRPC_ENDPOINT: `127.0.0.1:${this.ports.grpc}`,
      FRAMETEL_HEALTH_ENDPOINT: `127.0.0.1:${this.ports.health}`,
      FRAMETEL_COLLECTOR_METRICS_PORT: String(this.ports.metrics),
      FRAMETEL_QUEUE_DIR: this.queueDirs.at(-1)!,
      FRAMETEL_BATCH_TIMEOUT: '100ms',
      ...(this.options.jaeger
        ? { FRAMETEL_JAEGER_ENDPOINT: `127.0.0.1:${this.ports.jaegerGrpc}` }
        : { FRAMETEL_JAEGER: 'off' }),
      ...this.env,
      ...env,
    }) as { enabled: string[]; args: string[]; env: NodeJS.ProcessEnv };
    this.enabled = setup.enabled;
    this.collector = new ManagedProcess(
      `${this.options.name}-collector`,
      this.bins.collector,
      [...setup.args, ...(this.options.args ?? [])],
      setup.env,
    ).start();
    await this.collector.waitForHttp(`http://127.0.0.1:${this.ports.health}/`);
  }

  /** SIGTERM: the collector shuts down gracefully (its persistent queue stays on disk). */
  async stopCollector(): Promise<void> {
    await this.collector?.stop();
    this.collector = undefined;
  }

  /** SIGKILL: no shutdown, no flush. */
  async crashCollector(): Promise<void> {
    await this.collector?.crash();
    this.collector = undefined;
  }

  /** Stops every process and removes the queue directories. */
  async stop(): Promise<void> {
    await Promise.allSettled([this.collector?.stop(), this.jaeger?.stop()]);
    [this.collector, this.jaeger] = [undefined, undefined];
    for (const dir of this.queueDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }

  /**
   * Traces from Jaeger's query API (`/api/traces`): `query` is its parameters (service,
   * operation, tags, limit, lookback). An error answer or none yet is no traces.
   */
  async jaegerTraces(query: Record<string, string>): Promise<JaegerSpan[][]> {
    const res = await fetch(`http://127.0.0.1:${this.ports.jaegerQuery}/api/traces?${new URLSearchParams(query)}`);
    if (!res.ok) return [];
    const body = (await res.json()) as { data: Array<{ spans: JaegerSpan[] }> | null };
    return (body.data ?? []).map((t) => t.spans);
  }

  /** One trace's spans by id (empty until Jaeger has it). */
  async jaegerTrace(traceId: string): Promise<JaegerSpan[]> {
    const res = await fetch(`http://127.0.0.1:${this.ports.jaegerQuery}/api/traces/${traceId}`);
    if (!res.ok) return [];
    const body = (await res.json()) as { data: Array<{ spans: JaegerSpan[] }> | null };
    return body.data?.[0]?.spans ?? [];
  }
}
