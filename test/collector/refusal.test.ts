import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectorStack } from '../support/stack.js';

/** One span as OTLP/JSON, the way the browser's exporter sends it. */
const SPAN = JSON.stringify({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'refusal-test' } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: 'eee19b7ec3c1b174',
              name: 'op',
              startTimeUnixNano: '1700000000000000000',
              endTimeUnixNano: '1700000000001000000',
            },
          ],
        },
      ],
    },
  ],
});
const ORIGIN = 'http://127.0.0.1:5173'; // one of the config's default allowed origins

/**
 * Issue 14, "collector outage at the edge": under memory pressure the shipped config answers 503
 * with Retry-After, which a browser on another origin can read, instead of dropping silently.
 * memory_limiter with a 32 MiB limit and a 31 MiB spike has a 1 MiB soft limit, below any Go
 * heap, so it refuses from its first check on: the pressure is real, only made permanent.
 */
describe('otelcol-frametel under memory pressure (real process)', () => {
  const stack = new CollectorStack({ name: 'otelcol-refusal' });

  beforeAll(async () => {
    await stack.start({ FRAMETEL_MEMORY_LIMIT_MIB: '32', FRAMETEL_MEMORY_SPIKE_MIB: '31' });
  }, 60_000);

  afterAll(async () => {
    await stack.stop();
  });

  const post = () =>
    fetch(`${stack.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: SPAN,
    });

  it('refuses with 503 and Retry-After: 2, exposed to the page through CORS', async () => {
    // memory_limiter checks every second; until its first check the data is still taken.
    let res = await post();
    const until = Date.now() + 10_000;
    while (res.status !== 503 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      res = await post();
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('retry-after');
    // The collector's own log says why (nothing is dropped silently).
    await res.text();
  });
});
