// npm run collector:start [-- --with-jaeger]: runs otelcol-frametel with the back ends the
// environment enables (collector/stack.mjs), and optionally a local Jaeger v2, until Ctrl-C.
import { spawn } from 'node:child_process';
import { requireBinaries } from './binaries.mjs';
import { JAEGER_CONFIG, collectorSetup } from './stack.mjs';

const withJaeger = process.argv.includes('--with-jaeger') || process.env.FRAMETEL_START_JAEGER === '1';
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

if (withJaeger) {
  start('jaeger', bins.jaeger, ['--config', JAEGER_CONFIG], process.env);
  console.log(
    `[collector:start] Jaeger query API: http://127.0.0.1:${process.env.JAEGER_QUERY_PORT ?? 16686}/api/traces?service=<service> (this Go build has no web UI; the Docker image does)`,
  );
}
const setup = collectorSetup();
console.log(
  `[collector:start] back ends: ${setup.enabled.join(', ') || 'none'}; OTLP/HTTP on ${process.env.FRAMETEL_OTLP_HTTP_ENDPOINT ?? '127.0.0.1:4318'}`,
);
start('otelcol-frametel', bins.collector, setup.args, setup.env);
