// Runs one bench script several times, each in a fresh process, and prints per variant the median
// of its per-run medians and the "added" column against the first variant, run by run. On a
// shared machine one run's medians move with the neighbours' load; the median of five is steadier.
//   node bench/repeat.js 5 bench/react-render.js --cpu-time [--baseline=<dist>]   (after npm run build)
// The script must print its results as one JSON line `{ "<name>": { variant: { median, … } } }`.
import { spawnSync } from 'node:child_process';

const [times = '5', script, ...args] = process.argv.slice(2);
if (!script) throw new Error('usage: node bench/repeat.js <times> <bench script> [its arguments]');
const runs = [];
for (let i = 0; i < Number(times); i++) {
  const run = spawnSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8' });
  const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
  if (run.status !== 0 || !line) throw new Error(`run ${i + 1} of ${script} failed:\n${run.stderr}`);
  runs.push(Object.values(JSON.parse(line))[0]);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const us = (ns) => `${(ns / 1000).toFixed(2)} µs`;
const names = Object.keys(runs[0]);
const base = names[0];
const width = Math.max(...names.map((n) => n.length));
console.log(`${script} ${args.join(' ')}: median of ${runs.length} runs (added vs ${base}, then each run's)`);
for (const name of names) {
  const added = runs.map((r) => r[name].median - r[base].median);
  console.log(
    `  ${name.padEnd(width)}  ${us(median(runs.map((r) => r[name].median))).padStart(10)}  ${name === base ? '' : `${median(added) < 0 ? '−' : '+'}${us(Math.abs(median(added)))}  [${added.map((a) => (a / 1000).toFixed(2)).join(' ')}]`}`,
  );
}
