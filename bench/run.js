// `npm run bench`: measures and prints (never asserts timings). `--quick` is the CI smoke.
// Writes the numbers as JSON into bench/results/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCore } from './core.js';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
console.log(
  `frametel bench — node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}${quick ? ' (quick smoke)' : ''}`,
);
const started = performance.now();
const SCRIPT_TIMEOUT_MS = 600_000;
const results = { node: process.version, quick, core: await runCore({ quick }) };

// Instrumentation benchmarks live in their own scripts (each imports only its library); each
// runs in a fresh process so one's JIT state and heap do not colour another's numbers.
for (const script of [
  'signals-write.js',
  'react-render.js',
  'react-deferred.js',
  'table-sort.js',
  'throughput.js',
  'peers.js',
  'vitals.js',
  'delivery.js',
  'devtools.js',
  'interactions.js',
]) {
  const path = join(here, script);
  if (!existsSync(path)) continue;
  console.log(`\n── ${script}`);
  const forwarded = ['--quick', '--cpu-time'].filter((a) => process.argv.includes(a));
  const run = spawnSync(process.execPath, ['--expose-gc', path, ...forwarded], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // The longest full script (interactions.js, real clicks with 1.6 s gaps) takes about 4.5 min.
    timeout: SCRIPT_TIMEOUT_MS,
  });
  results[script] = run.status === 0 ? 'ok' : `failed (${run.status ?? run.signal})`;
  if (run.status !== 0) {
    const why = run.error?.code === 'ETIMEDOUT' ? `stopped after ${SCRIPT_TIMEOUT_MS / 1000} s` : results[script];
    console.log(`!! ${script} did not finish: ${why}; its numbers above are incomplete`);
    process.exitCode = 1;
  }
}

mkdirSync(join(here, 'results'), { recursive: true });
const file = join(here, 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nwrote ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
