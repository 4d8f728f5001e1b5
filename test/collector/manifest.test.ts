import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error -- plain ESM scripts shared with npm run collector:*
import { requireBinaries, MANIFEST } from '../../collector/binaries.mjs';
// @ts-expect-error -- plain ESM scripts shared with npm run collector:*
import * as stack from '../../collector/stack.mjs';

const { BASE_CONFIG, FRAGMENTS, ROLE_CONFIGS, collectorSetup, goMemLimit, roleEnv, sentryFromDsn } = stack;

const { collector } = requireBinaries() as { collector: string };
const KINDS = ['receivers', 'processors', 'connectors', 'exporters', 'extensions'] as const;
const fragments = FRAGMENTS as Record<string, string>;
const roles = ROLE_CONFIGS as Record<string, string>;
const validate = (configs: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(collector, ['validate', ...configs.flatMap((c) => ['--config', c])], { env, encoding: 'utf8' });

/** Env that enables every back end, as README documents it. */
const ALL_ON = {
  ...process.env,
  SENTRY_DSN: 'https://publickey@o1.ingest.sentry.io/42',
  DD_API_KEY: 'dd-key',
  NEW_RELIC_LICENSE_KEY: 'nr-key',
  FRAMETEL_INGEST_TOKEN: 'browser-token',
};

/** Component types a config uses: `otlp/jaeger` → `otlp`. */
function typesIn(file: string): Record<(typeof KINDS)[number], Set<string>> {
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
  return Object.fromEntries(
    KINDS.map((k) => [k, new Set(Object.keys(doc[k] ?? {}).map((id) => id.split('/')[0]!))]),
  ) as never;
}

describe('otelcol-frametel: config and manifest', () => {
  it('validates the base config alone, each back end on its own, and all of them together', () => {
    const runs: Array<[string, string[]]> = [
      ['base', []],
      ...Object.keys(fragments).map((name): [string, string[]] => [name, [name]]),
      ['all', Object.keys(fragments)],
    ];
    for (const [what, names] of runs) {
      const args = [
        'validate',
        '--config',
        BASE_CONFIG as string,
        ...names.flatMap((n) => ['--config', fragments[n]!]),
      ];
      const result = spawnSync(collector, args, {
        env: { ...ALL_ON, ...sentryFromDsn(ALL_ON.SENTRY_DSN), DD_OTLP_ENDPOINT: 'https://otlp.datadoghq.com' },
        encoding: 'utf8',
      });
      expect(result.status, `${what}: ${result.stderr}`).toBe(0);
    }
  });

  it('validates the scale-out roles: edge (static and dns resolvers, with auth) and gateway (alone and with every back end)', () => {
    const env = {
      ...ALL_ON,
      ...sentryFromDsn(ALL_ON.SENTRY_DSN),
      DD_OTLP_ENDPOINT: 'https://otlp.datadoghq.com',
      FRAMETEL_GATEWAYS: '[127.0.0.1:24317, 127.0.0.1:24318]',
      FRAMETEL_GATEWAY_DNS: 'gateway.frametel.svc.cluster.local',
    };
    const runs: Array<[string, string[]]> = [
      ['edge static', [roles.edge!, roles.edgeStatic!]],
      ['edge dns', [roles.edge!, roles.edgeDns!]],
      ['edge static + auth', [roles.edge!, roles.edgeStatic!, fragments.auth!]],
      ['gateway', [roles.gateway!]],
      ['gateway + every back end', [roles.gateway!, ...Object.values(fragments).filter((f) => f !== fragments.auth)]],
    ];
    for (const [what, files] of runs) {
      const result = validate([BASE_CONFIG as string, ...files], env);
      expect(result.status, `${what}: ${result.stderr}`).toBe(0);
    }
  });

  it('starts with a small memory limit and no spike setting (the spike defaults to 20 % of the limit)', () => {
    for (const limit of ['32', '64', '128', '512']) {
      const result = validate([BASE_CONFIG as string], { ...process.env, FRAMETEL_MEMORY_LIMIT_MIB: limit });
      expect(result.status, `limit ${limit} MiB: ${result.stderr}`).toBe(0);
    }
    // a spike at or above the limit is still a clear error from the collector
    const bad = validate([BASE_CONFIG as string], {
      ...process.env,
      FRAMETEL_MEMORY_LIMIT_MIB: '64',
      FRAMETEL_MEMORY_SPIKE_MIB: '64',
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/spike_limit_mib' must be smaller than 'limit_mib/);
  });

  it('rejects a config that uses a component the distribution does not have', () => {
    const result = spawnSync(
      collector,
      ['validate', '--config', BASE_CONFIG as string, '--config', 'yaml:exporters::kafka: {}'],
      { encoding: 'utf8' },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/kafka/);
  });

  it('the manifest lists exactly the components the configs use', () => {
    const used = Object.fromEntries(KINDS.map((k) => [k, new Set<string>()])) as Record<
      (typeof KINDS)[number],
      Set<string>
    >;
    for (const file of [BASE_CONFIG as string, ...Object.values(fragments), ...Object.values(roles)]) {
      const t = typesIn(file);
      for (const k of KINDS) for (const type of t[k]) used[k].add(type);
    }
    // What the binary was built with, by type, as the binary itself reports it.
    const built = parse(execFileSync(collector, ['components'], { encoding: 'utf8' })) as Record<
      string,
      Array<{ name: string; module: string }>
    >;
    const manifest = parse(readFileSync(MANIFEST as string, 'utf8')) as Record<string, Array<{ gomod: string }>>;
    for (const k of KINDS) {
      expect(new Set((built[k] ?? []).map((c) => c.name)), k).toEqual(used[k]);
      // and the binary is the manifest: one module per component, same module paths
      expect((built[k] ?? []).map((c) => c.module.split(' ')[0]).sort(), k).toEqual(
        manifest[k]!.map((m) => m.gomod.split(' ')[0]).sort(),
      );
    }
  });

  it('every module in the manifest is pinned to one collector release', () => {
    const manifest = parse(readFileSync(MANIFEST as string, 'utf8')) as Record<string, Array<{ gomod: string }>>;
    const versions = new Set(KINDS.flatMap((k) => manifest[k]!.map((m) => m.gomod.split(' ')[1])));
    expect([...versions]).toEqual(['v0.161.0']);
    expect(new Set(manifest.providers!.map((m) => m.gomod.split(' ')[1]))).toEqual(new Set(['v1.67.0']));
  });

  it('never allows every origin: CORS origins come from FRAMETEL_CORS_ORIGINS, with localhost defaults', () => {
    const text = readFileSync(BASE_CONFIG as string, 'utf8');
    expect(text).toMatch(
      /allowed_origins: \$\{env:FRAMETEL_CORS_ORIGINS:-\[http:\/\/localhost:5173, http:\/\/127\.0\.0\.1:5173\]\}/,
    );
    expect(text).not.toMatch(/allowed_origins:.*["']\*["']/);
  });
});

describe('back ends are switched by environment', () => {
  const names = (env: Record<string, string>) => (collectorSetup(env) as { enabled: string[] }).enabled;

  it('Jaeger alone by default; each vendor when its key is set; Jaeger can be turned off', () => {
    expect(names({})).toEqual(['jaeger']);
    expect(names({ FRAMETEL_JAEGER: 'off' })).toEqual([]);
    expect(
      names({ SENTRY_DSN: 'https://k@h/1', DD_API_KEY: 'x', NEW_RELIC_LICENSE_KEY: 'y', FRAMETEL_INGEST_TOKEN: 't' }),
    ).toEqual(['jaeger', 'sentry', 'datadog', 'newrelic', 'auth']);
  });

  it('derives Sentry OTLP endpoint and key from the DSN, and the Datadog host from DD_SITE', () => {
    const setup = collectorSetup({
      SENTRY_DSN: 'https://abc123@o99.ingest.de.sentry.io/4507',
      DD_API_KEY: 'x',
      DD_SITE: 'datadoghq.eu',
    }) as { env: Record<string, string> };
    expect(setup.env.SENTRY_OTLP_ENDPOINT).toBe('https://o99.ingest.de.sentry.io/api/4507/integration/otlp');
    expect(setup.env.SENTRY_KEY).toBe('abc123');
    expect(setup.env.DD_OTLP_ENDPOINT).toBe('https://otlp.datadoghq.eu');
  });

  it('GOMEMLIMIT follows FRAMETEL_MEMORY_LIMIT_MIB unless set; a malformed limit is one clear error', () => {
    expect(goMemLimit({})).toBe('512MiB');
    expect(goMemLimit({ FRAMETEL_MEMORY_LIMIT_MIB: '64' })).toBe('64MiB');
    expect(goMemLimit({ FRAMETEL_MEMORY_LIMIT_MIB: '64', GOMEMLIMIT: '100MiB' })).toBe('100MiB');
    expect(
      (collectorSetup({ FRAMETEL_MEMORY_LIMIT_MIB: '96' }) as { env: Record<string, string> }).env.GOMEMLIMIT,
    ).toBe('96MiB');
    expect(() => goMemLimit({ FRAMETEL_MEMORY_LIMIT_MIB: '64MiB' })).toThrow(
      'FRAMETEL_MEMORY_LIMIT_MIB: expected a positive whole number of MiB, got "64MiB"',
    );
  });

  it('roles: the edge needs its gateways; each role its own ports and queue directory', () => {
    const edge = collectorSetup(roleEnv('edge', { gateways: '127.0.0.1:24317,127.0.0.1:24318' }, {}), 'edge') as {
      enabled: string[];
      args: string[];
      env: Record<string, string>;
    };
    expect(edge.env.FRAMETEL_GATEWAYS).toBe('[127.0.0.1:24317, 127.0.0.1:24318]');
    expect(edge.args).toEqual(['--config', BASE_CONFIG, '--config', roles.edge, '--config', roles.edgeStatic]);
    expect(edge.env.FRAMETEL_QUEUE_DIR).toBe('/tmp/otelcol-frametel/edge-4317/queue');
    const gw = collectorSetup(roleEnv('gateway', { grpc: '24318' }, {}), 'gateway') as {
      enabled: string[];
      args: string[];
      env: Record<string, string>;
    };
    expect(gw.args).toEqual(['--config', BASE_CONFIG, '--config', roles.gateway, '--config', fragments.jaeger]);
    expect(gw.env.FRAMETEL_OTLP_GRPC_ENDPOINT).toBe('127.0.0.1:24318');
    expect(gw.env.FRAMETEL_HEALTH_ENDPOINT).toBe('127.0.0.1:13134');
    expect(gw.env.FRAMETEL_QUEUE_DIR).toBe('/tmp/otelcol-frametel/gateway-24318/queue');
    expect(() => collectorSetup({}, 'edge')).toThrow(/edge role: expected FRAMETEL_GATEWAYS/);
    expect(() => roleEnv('edge', { gateways: 'localhost' }, {})).toThrow(
      '--gateways: expected host:port[,host:port…] such as 127.0.0.1:24317,127.0.0.1:24318, got "localhost"',
    );
    expect(() => roleEnv('gateway', { gateways: '127.0.0.1:1' }, {})).toThrow('--gateways: only for --role edge');
    expect(() => roleEnv('hub', {}, {})).toThrow('--role: expected one of single, edge, gateway, got "hub"');
  });

  it('a malformed DSN is one clear error', () => {
    expect(() => collectorSetup({ SENTRY_DSN: 'not a dsn' })).toThrow(
      'SENTRY_DSN: expected a DSN such as https://<key>@o1.ingest.sentry.io/<project>, got "not a dsn"',
    );
    expect(() => collectorSetup({ SENTRY_DSN: 'https://o1.ingest.sentry.io/42' })).toThrow(
      /public key and a project id/,
    );
  });
});
