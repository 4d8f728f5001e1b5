import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eventually, freePort, ManagedProcess } from './support/processes.js';
// @ts-expect-error -- plain ESM scripts shared with npm run collector:*
import { goVersion, jaegerBinary } from '../../collector/binaries.mjs';
// @ts-expect-error -- plain ESM scripts shared with npm run collector:*
import { JAEGER_CONFIG } from '../../collector/stack.mjs';

// Jaeger only: this test does not need (or wait for) the collector build.
const bins = { jaeger: jaegerBinary(goVersion()) as string };
if (!existsSync(bins.jaeger)) throw new Error(`jaeger binary missing at ${bins.jaeger}: run npm run collector:build`);

interface JaegerConfig {
  extensions: { jaeger_query: { enable_tracing?: boolean } };
  exporters: Record<string, unknown>;
  service: { telemetry: { traces?: { level?: string } } };
}

/**
 * The test Jaeger must never send its own spans anywhere: by default jaeger_query traces every
 * query and exports the spans to OTEL_EXPORTER_OTLP_ENDPOINT (default localhost:4317, the
 * collector's port), so each query would flow collector → Jaeger → collector → … for ever.
 */
describe('collector/jaeger-config.yaml: no self-tracing, no feedback loop', () => {
  const config = parse(readFileSync(JAEGER_CONFIG as string, 'utf8')) as JaegerConfig;
  let sink: Server | undefined;
  let jaeger: ManagedProcess | undefined;

  afterAll(async () => {
    await jaeger?.stop();
    await new Promise((r) => (sink ? sink.close(r) : r(undefined)));
  });

  it('switches off jaeger_query tracing and the service telemetry traces, and exports only to its storage', () => {
    expect(config.extensions.jaeger_query.enable_tracing).toBe(false);
    expect(config.service.telemetry.traces?.level).toBe('none');
    expect(Object.keys(config.exporters)).toEqual(['jaeger_storage_exporter']);
  });

  it('a running Jaeger answering queries opens no connection to the OTLP endpoint its tracer would use', {
    timeout: 60_000,
  }, async () => {
    // Where Jaeger's own tracer would export: a TCP listener that counts connections.
    let connections = 0;
    sink = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    const sinkPort = await freePort();
    await new Promise<void>((r) => sink!.listen(sinkPort, '127.0.0.1', r));
    const ports = Object.fromEntries(
      await Promise.all(['grpc', 'http', 'query', 'queryGrpc', 'health'].map(async (k) => [k, await freePort()])),
    ) as Record<string, number>;
    jaeger = new ManagedProcess('jaeger-selftrace', bins.jaeger, ['--config', JAEGER_CONFIG as string], {
      ...process.env,
      JAEGER_OTLP_GRPC_PORT: String(ports.grpc),
      JAEGER_OTLP_HTTP_PORT: String(ports.http),
      JAEGER_QUERY_PORT: String(ports.query),
      JAEGER_QUERY_GRPC_PORT: String(ports.queryGrpc),
      JAEGER_HEALTH_PORT: String(ports.health),
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}`,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${sinkPort}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    }).start();
    await jaeger.waitForHttp(`http://127.0.0.1:${ports.health}/status`);
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`http://127.0.0.1:${ports.query}/api/services`);
      expect(res.ok).toBe(true);
      await fetch(`http://127.0.0.1:${ports.query}/api/traces?service=nothing-${i}`);
    }
    // A tracer would export within its 100 ms schedule delay, and at the latest when it flushes
    // on shutdown: give it both.
    await new Promise((r) => setTimeout(r, 1_500));
    await jaeger.stop();
    jaeger = undefined;
    await eventually('the sink to settle', () => true);
    expect(connections).toBe(0);
  });
});
