import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRelicIntake } from '../intakes/recording-intake.js';
import { CollectorStack } from '../support/stack.js';
import { eventually } from './support/processes.js';

/** Keys a browser records by accident that must not leave the collector, in every spelling seen in the wild. */
const SECRET_KEYS = [
  'api_key',
  'apiKey',
  'API_KEY',
  'api-key',
  'apikey',
  'x-api-key',
  'accessToken',
  'access_token',
  'authToken',
  'auth_token',
  'refreshToken',
  'id_token',
  'x-csrf-token',
  'token',
  'secret',
  'secretKey',
  'secret_key',
  'client_secret',
  'clientSecret',
  'apiSecret',
  'aws.secret_access_key',
  'sessionToken',
  'session_id',
  'sessionId',
  'bearer',
  'jwt',
  'password',
  'user.password',
  'passwordHash',
  'password_hash',
  'passwd',
  'pwd',
  'passphrase',
  'authorization',
  'Authorization',
  'http.request.header.authorization',
  'proxy-authorization',
  'x-auth',
  'cookie',
  'cookies',
  'set-cookie',
  'http.response.header.set-cookie',
  'private_key',
  'privateKey',
  'signing_key',
  'encryption-key',
  'credentials',
  'credential',
  'password.reset_link',
  'api_key.id',
  'db.credentials.user',
];

/** Keys that merely look alike and must survive: deleting them would lose real telemetry. */
const SAFE_KEYS = [
  'token_count',
  'gen_ai.usage.input_tokens',
  'tokenizer',
  'author',
  'authority',
  'authored_at',
  'oauth.provider',
  'keyboard',
  'monkey',
  'key',
  'primary_key_column',
  'secretary',
  'passenger',
  'bypass',
  'cookie_consent',
  'ui.operation',
  'ui.component.name',
  'http.request.method',
];

const attrs = (prefix: string) =>
  [...SECRET_KEYS, ...SAFE_KEYS].map((key) => ({ key, value: { stringValue: `${prefix}:${key}` } }));
const secretValue = (key: string) => SECRET_KEYS.includes(key);

interface KeyValue {
  key: string;
}
type Json = Record<string, unknown>;
const keysOf = (o: unknown) => ((o as { attributes?: KeyValue[] } | undefined)?.attributes ?? []).map((a) => a.key);

/** The attribute keys that arrived per OTLP context, from the JSON New Relic's intake received. */
function contexts(bodies: Json[]): Record<string, Set<string>> {
  const out: Record<string, Set<string>> = {};
  const add = (ctx: string, keys: string[]) => {
    out[ctx] ??= new Set();
    for (const k of keys) out[ctx].add(k);
  };
  const all = <T>(v: unknown) => (v ?? []) as T[];
  for (const body of bodies) {
    for (const rs of all<Json>(body.resourceSpans)) {
      add('traces: resource', keysOf(rs.resource));
      for (const ss of all<Json>(rs.scopeSpans)) {
        add('traces: scope', keysOf(ss.scope));
        for (const span of all<Json>(ss.spans)) {
          add('span', keysOf(span));
          for (const e of all<Json>(span.events)) add('span event', keysOf(e));
          for (const l of all<Json>(span.links)) add('span link', keysOf(l));
        }
      }
    }
    for (const rl of all<Json>(body.resourceLogs)) {
      add('logs: resource', keysOf(rl.resource));
      for (const sl of all<Json>(rl.scopeLogs)) {
        add('logs: scope', keysOf(sl.scope));
        for (const r of all<Json>(sl.logRecords)) add('log record', keysOf(r));
      }
    }
    for (const rm of all<Json>(body.resourceMetrics)) {
      add('metrics: resource', keysOf(rm.resource));
      for (const sm of all<Json>(rm.scopeMetrics)) {
        add('metrics: scope', keysOf(sm.scope));
        for (const m of all<Json>(sm.metrics))
          for (const dp of all<Json>((m.sum as Json | undefined)?.dataPoints)) add('metric data point', keysOf(dp));
      }
    }
  }
  return out;
}

describe('attribute hygiene in every OTLP context (transform/hygiene, real collector)', () => {
  const newRelic = newRelicIntake();
  // JSON on the wire to the stand-in intake, so the test reads every context exactly.
  const stack = new CollectorStack({
    name: 'otelcol-hygiene',
    args: ['--config', 'yaml:exporters::otlp_http/newrelic::encoding: json'],
  });
  const ports = stack.ports;
  let arrived: Record<string, Set<string>>;
  let raw = '';
  const now = () => String(BigInt(Date.now()) * 1_000_000n);
  const traceId = '5b8efff798038103d269b633813fc60c';

  beforeAll(async () => {
    await newRelic.start();
    await stack.start({
      FRAMETEL_SPANMETRICS_FLUSH_INTERVAL: '1h',
      NEW_RELIC_LICENSE_KEY: 'nr-test-key',
      NEW_RELIC_OTLP_ENDPOINT: newRelic.url,
    });
    expect(stack.enabled).toEqual(['newrelic']);

    const post = async (path: string, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${ports.http}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, `${path}: ${await res.text()}`).toBe(200);
    };
    await post('/v1/traces', {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'hygiene' } }, ...attrs('resource')] },
          scopeSpans: [
            {
              scope: { name: 'frametel', attributes: attrs('scope') },
              spans: [
                {
                  traceId,
                  spanId: '051581bf3cb55c13',
                  name: 'hygiene span',
                  kind: 1,
                  startTimeUnixNano: now(),
                  endTimeUnixNano: now(),
                  attributes: attrs('span'),
                  events: [{ name: 'exception', timeUnixNano: now(), attributes: attrs('event') }],
                  links: [{ traceId, spanId: '151581bf3cb55c13', attributes: attrs('link') }],
                },
              ],
            },
          ],
        },
      ],
    });
    await post('/v1/logs', {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'hygiene' } }, ...attrs('resource')] },
          scopeLogs: [
            {
              scope: { name: 'frametel', attributes: attrs('scope') },
              logRecords: [
                { timeUnixNano: now(), severityNumber: 9, body: { stringValue: 'hygiene' }, attributes: attrs('log') },
              ],
            },
          ],
        },
      ],
    });
    await post('/v1/metrics', {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'hygiene' } }, ...attrs('resource')] },
          scopeMetrics: [
            {
              scope: { name: 'frametel', attributes: attrs('scope') },
              metrics: [
                {
                  name: 'hygiene.count',
                  sum: {
                    aggregationTemporality: 1,
                    isMonotonic: true,
                    dataPoints: [{ asInt: '1', timeUnixNano: now(), attributes: attrs('datapoint') }],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const bodies = await eventually('traces, logs and metrics at the intake', () => {
      const paths = ['/v1/traces', '/v1/logs', '/v1/metrics'];
      const got = paths.map((p) => newRelic.requests.filter((r) => r.path === p));
      return got.every((g) => g.length > 0) ? got.flat() : undefined;
    });
    raw = bodies.map((r) => r.body.toString('utf8')).join('\n');
    arrived = contexts(bodies.map((r) => JSON.parse(r.body.toString('utf8')) as Json));
  }, 90_000);

  afterAll(async () => {
    await Promise.allSettled([stack.stop(), newRelic.stop()]);
  });

  it(`the tables are big enough: ${SECRET_KEYS.length} secret spellings, ${SAFE_KEYS.length} look-alikes`, () => {
    expect(SECRET_KEYS.length).toBeGreaterThanOrEqual(30);
    expect(SAFE_KEYS.length).toBeGreaterThanOrEqual(10);
    expect(new Set([...SECRET_KEYS, ...SAFE_KEYS]).size).toBe(SECRET_KEYS.length + SAFE_KEYS.length);
  });

  const CONTEXTS = [
    'traces: resource',
    'traces: scope',
    'span',
    'span event',
    'logs: resource',
    'logs: scope',
    'log record',
    'metrics: resource',
    'metrics: scope',
    'metric data point',
  ];

  describe.each(CONTEXTS)('%s attributes', (ctx) => {
    it('every secret spelling is deleted', () => {
      expect(arrived[ctx], `${ctx} arrived`).toBeDefined();
      expect(SECRET_KEYS.filter((k) => arrived[ctx]!.has(k))).toEqual([]);
    });
    it('every look-alike survives', () => {
      expect(SAFE_KEYS.filter((k) => !arrived[ctx]!.has(k))).toEqual([]);
    });
  });

  it('no secret value reaches the back end from any of those contexts', () => {
    const leaked = [...raw.matchAll(/"(resource|scope|span|event|log|datapoint):([^"]+)"/g)]
      .filter((m) => secretValue(m[2]!))
      .map((m) => m[0]);
    expect(leaked).toEqual([]);
  });

  it('span link attributes are NOT covered (known gap: OTTL has no span-link context at v0.161; README)', () => {
    // Pins the documented limitation: if a later collector release reaches link attributes,
    // this fails and the README's caveat (and this test) should go.
    expect(arrived['span link']?.has('api_key')).toBe(true);
    expect(arrived['span link']?.has('token_count')).toBe(true);
  });
});
