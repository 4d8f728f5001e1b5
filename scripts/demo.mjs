// npm run demo: serves examples/grid-dashboard (Vite dev server) on localhost and prints the URL.
// With no collector running the app still works and the overlay (Alt+Shift+F) shows everything;
// export failures are counted, never thrown. npm run demo:stack also starts otelcol-frametel and
// Jaeger (npm run collector:build first) and prints the Jaeger URL.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const stack = process.argv.includes('--stack');
const port = Number(process.env.DEMO_PORT ?? 5173);
const appUrl = `http://127.0.0.1:${port}/`;
const children = [];

if (stack) {
  const collector = spawn(process.execPath, [`${root}collector/start.mjs`, '--with-jaeger'], {
    stdio: 'inherit',
    env: { ...process.env, FRAMETEL_CORS_ORIGINS: `[http://127.0.0.1:${port}, http://localhost:${port}]` },
  });
  collector.on('exit', (code) => {
    console.error(`[demo] collector stack exited (${code}); is it built? npm run collector:build`);
  });
  children.push(collector);
}

const server = await createServer({ configFile: `${root}examples/grid-dashboard/vite.config.mjs`, mode: 'development', logLevel: 'warn' });
await server.listen();
console.log(`\n  frametel demo: ${appUrl}`);
console.log('  overlay: bottom right (Alt+Shift+F toggles it)');
console.log(stack ? `  Jaeger UI: http://127.0.0.1:${process.env.JAEGER_QUERY_PORT ?? 16686}/search?service=grid-dashboard` : '  collector: not started (npm run demo:stack starts otelcol-frametel + Jaeger); exports to http://localhost:4318 fail and are counted');
console.log('  Ctrl-C to stop\n');

const stop = async () => {
  for (const c of children) c.kill('SIGTERM');
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
