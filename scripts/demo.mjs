// npm run demo: serves examples/grid-dashboard (Vite dev server) on localhost and prints the URL.
// With no collector running the app still works and the overlay (Alt+Shift+F) shows everything;
// export failures are counted, never thrown. npm run demo:stack also starts otelcol-frametel and
// Jaeger (npm run collector:build first), links the overlay's trace ids to Jaeger and prints its URL.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const stack = process.argv.includes('--stack');
const port = Number(process.env.DEMO_PORT ?? 5173);
const appUrl = `http://127.0.0.1:${port}/`;
const jaegerUrl = `http://127.0.0.1:${process.env.JAEGER_QUERY_PORT ?? 16686}`;
const children = [];
const notes = [];

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

if (stack) {
  // The collector's and Jaeger's own logs go to a file: the terminal keeps the demo's URLs.
  mkdirSync(`${root}.cache`, { recursive: true });
  const logPath = `${root}.cache/demo-stack.log`;
  const log = openSync(logPath, 'w');
  const collector = spawn(process.execPath, [`${root}collector/start.mjs`, '--with-jaeger'], {
    stdio: ['ignore', log, log],
    env: { ...process.env, FRAMETEL_CORS_ORIGINS: `[http://127.0.0.1:${port}, http://localhost:${port}]` },
  });
  collector.on('exit', (code) => {
    const tail = readFileSync(logPath, 'utf8').trim().split('\n').slice(-8).join('\n');
    console.error(`[demo] collector stack exited (${code}); is it built? npm run collector:build\n${tail}`);
  });
  children.push(collector);
  const home = await waitFor(`${jaegerUrl}/`, 20_000);
  if (!home) notes.push(`  Jaeger did not answer on ${jaegerUrl} within 20 s (see ${logPath})`);
  else if (/not the Jaeger UI/i.test(await home.text())) {
    // A Jaeger binary built without its UI assets serves a placeholder page: link the API instead.
    process.env.VITE_FRAMETEL_TRACE_URL ??= `${jaegerUrl}/api/traces/`;
    notes.push(`  Jaeger API: ${jaegerUrl}/api/traces?service=grid-dashboard (this Jaeger build has no UI assets)`);
  } else {
    process.env.VITE_FRAMETEL_TRACE_URL ??= `${jaegerUrl}/trace/`;
    notes.push(`  Jaeger UI: ${jaegerUrl}/search?service=grid-dashboard`);
  }
  notes.push(`  collector + Jaeger logs: ${logPath}`);
} else {
  notes.push(
    '  collector: not started (npm run demo:stack starts otelcol-frametel + Jaeger); exports to http://localhost:4318 fail and are counted',
  );
}

const server = await createServer({
  configFile: `${root}examples/grid-dashboard/vite.config.mjs`,
  mode: 'development',
  logLevel: 'warn',
});
await server.listen();
console.log(`\n  frametel demo: ${appUrl}`);
console.log('  overlay: bottom right (Alt+Shift+F toggles it)');
for (const note of notes) console.log(note);
console.log('  Ctrl-C to stop\n');

const stop = async () => {
  for (const c of children) c.kill('SIGTERM');
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
