// npm run collector:start [-- --with-jaeger]: runs otelcol-frametel with the back ends the
// environment enables (collector/stack.mjs), and optionally a local Jaeger v2, until Ctrl-C.
//
// Scale-out (README, "Collector → Scaling out"):
//   npm run collector:start -- --role gateway [--grpc 127.0.0.1:24317 --health 127.0.0.1:13134 --metrics-port 8889]
//   npm run collector:start -- --role edge --gateways 127.0.0.1:24317,127.0.0.1:24318
// Each process gets its own queue directory (a file_storage directory is locked by one process).
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { requireBinaries } from './binaries.mjs';
import { JAEGER_CONFIG, collectorSetup, roleEnv } from './stack.mjs';

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      role: { type: 'string', default: 'single' },
      gateways: { type: 'string' },
      grpc: { type: 'string' },
      http: { type: 'string' },
      health: { type: 'string' },
      'metrics-port': { type: 'string' },
      'queue-dir': { type: 'string' },
      'with-jaeger': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`[collector:start] ${error.message}`);
  process.exit(2);
}
const withJaeger = options['with-jaeger'] || process.env.FRAMETEL_START_JAEGER === '1';
const bins = requireBinaries();
const children = [];

function start(name, cmd, args, env) {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    console.log(`[collector:start] ${name} exited (${signal ?? code})`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

function shutdown(code = 0) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

let setup;
try {
  const env = roleEnv(options.role, options, process.env);
  setup = collectorSetup(env, options.role);
} catch (error) {
  console.error(`[collector:start] ${error.message}`);
  process.exit(2);
}
if (withJaeger) {
  start('jaeger', bins.jaeger, ['--config', JAEGER_CONFIG], process.env);
  console.log(
    `[collector:start] Jaeger query API: http://127.0.0.1:${process.env.JAEGER_QUERY_PORT ?? 16686}/api/traces?service=<service> (this Go build has no web UI; the Docker image does)`,
  );
}
const e = setup.env;
const listens =
  options.role === 'gateway'
    ? `OTLP/gRPC on ${e.FRAMETEL_OTLP_GRPC_ENDPOINT}`
    : `OTLP/HTTP on ${e.FRAMETEL_OTLP_HTTP_ENDPOINT ?? '127.0.0.1:4318'}`;
const sends =
  options.role === 'edge'
    ? `gateways ${e.FRAMETEL_GATEWAYS ?? `dns ${e.FRAMETEL_GATEWAY_DNS}`}`
    : `back ends: ${setup.enabled.join(', ') || 'none'}`;
console.log(
  `[collector:start] role ${options.role}; ${sends}; ${listens}; queue ${e.FRAMETEL_QUEUE_DIR ?? '/tmp/otelcol-frametel/queue'}`,
);
start(`otelcol-frametel (${options.role})`, bins.collector, setup.args, setup.env);
