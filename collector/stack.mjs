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
 */
export function collectorSetup(env = process.env) {
  const enabled = [];
  const extraEnv = {};
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
  const configs = [BASE_CONFIG, ...enabled.map((name) => FRAGMENTS[name])];
  return {
    enabled,
    args: configs.flatMap((c) => ['--config', c]),
    env: { ...env, ...extraEnv },
  };
}
