// Which collector config fragments to run, decided from the environment: back ends are switched
// on and off without editing YAML. Used by collector/start.mjs and the tests.
import { join } from 'node:path';
import { COLLECTOR_DIR, ROOT_DIR } from './binaries.mjs';

export const BASE_CONFIG = join(ROOT_DIR, 'otel-collector-config.yaml');
export const FRAGMENTS = {
  jaeger: join(COLLECTOR_DIR, 'config', 'jaeger.yaml'),
  sentry: join(COLLECTOR_DIR, 'config', 'sentry.yaml'),
  datadog: join(COLLECTOR_DIR, 'config', 'datadog.yaml'),
  newrelic: join(COLLECTOR_DIR, 'config', 'newrelic.yaml'),
  auth: join(COLLECTOR_DIR, 'config', 'auth.yaml'),
};
export const JAEGER_CONFIG = join(COLLECTOR_DIR, 'jaeger-config.yaml');
/** Scale-out roles (README, "Collector → Scaling out"): merged over BASE_CONFIG. */
export const ROLE_CONFIGS = {
  edge: join(COLLECTOR_DIR, 'roles', 'edge.yaml'),
  edgeStatic: join(COLLECTOR_DIR, 'roles', 'edge-static.yaml'),
  edgeDns: join(COLLECTOR_DIR, 'roles', 'edge-dns.yaml'),
  gateway: join(COLLECTOR_DIR, 'roles', 'gateway.yaml'),
};
export const ROLES = ['single', 'edge', 'gateway'];
/** memory_limiter's limit_mib when FRAMETEL_MEMORY_LIMIT_MIB is unset (otel-collector-config.yaml). */
export const DEFAULT_MEMORY_LIMIT_MIB = 512;

/**
 * GOMEMLIMIT for a collector whose memory_limiter is at `limitMib`: the Go runtime then
 * collects garbage as the process nears the limit instead of letting the heap double first
 * (GOGC=100), which with a 64 MiB limit left RSS at 2.5–2.8× the limit. Same value as
 * limit_mib: memory_limiter already refuses data at 80 % of it (the default spike is 20 %).
 */
export function goMemLimit(env = process.env) {
  if (env.GOMEMLIMIT) return env.GOMEMLIMIT;
  const limit = Number(env.FRAMETEL_MEMORY_LIMIT_MIB || DEFAULT_MEMORY_LIMIT_MIB);
  if (!Number.isInteger(limit) || limit <= 0)
    throw new Error(
      `FRAMETEL_MEMORY_LIMIT_MIB: expected a positive whole number of MiB, got ${JSON.stringify(env.FRAMETEL_MEMORY_LIMIT_MIB)}`,
    );
  return `${limit}MiB`;
}

/** A Sentry DSN `https://<key>@<host>/<project>` → its OTLP ingestion base URL and public key. */
export function sentryFromDsn(dsn) {
  let url;
  try {
    url = new URL(dsn);
  } catch {
    throw new Error(
      `SENTRY_DSN: expected a DSN such as https://<key>@o1.ingest.sentry.io/<project>, got ${JSON.stringify(dsn)}`,
    );
  }
  const project = url.pathname
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .pop();
  if (!url.username || !project)
    throw new Error(`SENTRY_DSN: expected a DSN with a public key and a project id, got ${JSON.stringify(dsn)}`);
  return {
    SENTRY_OTLP_ENDPOINT: `${url.protocol}//${url.host}/api/${project}/integration/otlp`,
    SENTRY_KEY: url.username,
  };
}

/**
 * The `--config` files and the extra environment for the collector, from `env`:
 * - Jaeger: on unless FRAMETEL_JAEGER=off (FRAMETEL_JAEGER_ENDPOINT, default 127.0.0.1:14317)
 * - Sentry: SENTRY_DSN, or SENTRY_OTLP_ENDPOINT + SENTRY_KEY
 * - Datadog: DD_API_KEY (DD_SITE, default datadoghq.com; DD_OTLP_ENDPOINT overrides the host)
 * - New Relic: NEW_RELIC_LICENSE_KEY (NEW_RELIC_OTLP_ENDPOINT)
 * - bearer auth on the browser endpoint: FRAMETEL_INGEST_TOKEN
 * and GOMEMLIMIT from FRAMETEL_MEMORY_LIMIT_MIB (goMemLimit).
 *
 * `role` (scale-out): 'single' (default, the one-collector set-up), 'edge' (browser-facing:
 * no back ends; FRAMETEL_GATEWAYS, a YAML list of gateway host:port, or FRAMETEL_GATEWAY_DNS)
 * or 'gateway' (tail sampling, then the back ends above).
 */
export function collectorSetup(env = process.env, role = 'single') {
  if (!ROLES.includes(role)) throw new Error(`role: expected one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`);
  const extraEnv = { GOMEMLIMIT: goMemLimit(env) };
  if (role === 'edge') return edgeSetup(env, extraEnv);
  const enabled = [];
  if (env.FRAMETEL_JAEGER !== 'off') enabled.push('jaeger');
  if (env.SENTRY_DSN) {
    enabled.push('sentry');
    Object.assign(extraEnv, sentryFromDsn(env.SENTRY_DSN));
  } else if (env.SENTRY_OTLP_ENDPOINT && env.SENTRY_KEY) {
    enabled.push('sentry');
  }
  if (env.DD_API_KEY) {
    enabled.push('datadog');
    if (!env.DD_OTLP_ENDPOINT) extraEnv.DD_OTLP_ENDPOINT = `https://otlp.${env.DD_SITE || 'datadoghq.com'}`;
  }
  if (env.NEW_RELIC_LICENSE_KEY) enabled.push('newrelic');
  if (env.FRAMETEL_INGEST_TOKEN) enabled.push('auth');
  const roleConfigs = role === 'gateway' ? [ROLE_CONFIGS.gateway] : [];
  const configs = [BASE_CONFIG, ...roleConfigs, ...enabled.map((name) => FRAGMENTS[name])];
  return {
    enabled,
    args: configs.flatMap((c) => ['--config', c]),
    env: { ...env, ...extraEnv },
  };
}

function edgeSetup(env, extraEnv) {
  let resolver;
  if (env.FRAMETEL_GATEWAY_DNS) resolver = ROLE_CONFIGS.edgeDns;
  else if (env.FRAMETEL_GATEWAYS) resolver = ROLE_CONFIGS.edgeStatic;
  else
    throw new Error(
      'edge role: expected FRAMETEL_GATEWAYS (a YAML list such as [127.0.0.1:24317, 127.0.0.1:24318]) or FRAMETEL_GATEWAY_DNS, got neither',
    );
  const enabled = env.FRAMETEL_INGEST_TOKEN ? ['auth'] : [];
  const configs = [BASE_CONFIG, ROLE_CONFIGS.edge, resolver, ...enabled.map((name) => FRAGMENTS[name])];
  return { enabled, args: configs.flatMap((c) => ['--config', c]), env: { ...env, ...extraEnv } };
}

/** Per-role listen defaults: a gateway on the same machine as an edge must not take its ports. */
const GATEWAY_DEFAULTS = {
  grpc: '127.0.0.1:24317',
  // Edges talk gRPC; the base config's HTTP receiver still listens, on a free port.
  http: '127.0.0.1:0',
  health: '127.0.0.1:13134',
  'metrics-port': '8889',
};
const hostPort = (v) => (/^\d+$/.test(v) ? `127.0.0.1:${v}` : v);

/**
 * The environment for a role from collector:start's flags (--grpc, --http, --health,
 * --metrics-port, --queue-dir, --gateways host:port,host:port); flags win over the environment,
 * which wins over the role's defaults. Each edge/gateway gets its own queue directory.
 */
export function roleEnv(role, flags = {}, env = process.env) {
  if (!ROLES.includes(role))
    throw new Error(`--role: expected one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`);
  const out = { ...env };
  const defaults = role === 'gateway' ? GATEWAY_DEFAULTS : {};
  const pick = (flag, name, map = hostPort) => {
    const v = flags[flag] ?? env[name] ?? defaults[flag];
    if (v !== undefined) out[name] = map(String(v));
  };
  pick('grpc', 'FRAMETEL_OTLP_GRPC_ENDPOINT');
  pick('http', 'FRAMETEL_OTLP_HTTP_ENDPOINT');
  pick('health', 'FRAMETEL_HEALTH_ENDPOINT');
  pick('metrics-port', 'FRAMETEL_COLLECTOR_METRICS_PORT', String);
  if (flags['queue-dir']) out.FRAMETEL_QUEUE_DIR = flags['queue-dir'];
  else if (role !== 'single' && !env.FRAMETEL_QUEUE_DIR) {
    const port = (out.FRAMETEL_OTLP_GRPC_ENDPOINT ?? '4317').split(':').pop();
    out.FRAMETEL_QUEUE_DIR = join('/tmp', 'otelcol-frametel', `${role}-${port}`, 'queue');
  }
  if (flags.gateways !== undefined) {
    if (role !== 'edge') throw new Error(`--gateways: only for --role edge, got --role ${role}`);
    const list = String(flags.gateways)
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    const bad = list.find((g) => !/^[^\s:,[\]]+:\d{1,5}$/.test(g));
    if (list.length === 0 || bad !== undefined)
      throw new Error(
        `--gateways: expected host:port[,host:port…] such as 127.0.0.1:24317,127.0.0.1:24318, got ${JSON.stringify(flags.gateways)}`,
      );
    out.FRAMETEL_GATEWAYS = `[${list.join(', ')}]`;
  }
  return out;
}
