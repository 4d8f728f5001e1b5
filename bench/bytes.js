// `npm run bench:bytes`: where the bytes of each browser bundle come from. Builds every bundle of
// bench/lib/bundle.js with an esbuild metafile and prints its top contributors, grouped by npm
// package (OTel SDK parts, the sketch library) or by frametel folder (dist/<folder>).
// The per-group gzip figure is that group's share of the minified output applied to the
// bundle's gzip size: gzip works across module boundaries, so a module has no exact gzip size.
// A code-split bundle (`split: true`) lists the critical path's contributors (the chunks loaded
// before first paint), then those of the chunks only reached through import(), separately.
//   node bench/bytes.js                       every bundle, top 12 each
//   node bench/bytes.js --top 30 register     bundles whose name contains "register"
//   node bench/bytes.js --json                also print the numbers as one JSON line
import { BUNDLES, kb, measureBundle } from './lib/bundle.js';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 12;
const filters = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; `dist/stats/x.js` → `frametel: stats/`. */
export function groupOf(input) {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = input.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const own = input.match(/(?:^|\/)dist\/(.*)$/);
  if (own) {
    const rest = own[1];
    const slash = rest.indexOf('/');
    return `frametel: ${slash < 0 ? rest : `${rest.slice(0, slash)}/`}`;
  }
  return input;
}

/** Per-group bytes of some outputs of a metafile. */
function groupsOf(outputs) {
  const groups = new Map();
  let total = 0;
  for (const output of outputs) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const g = groupOf(input);
      groups.set(g, (groups.get(g) ?? 0) + bytesInOutput);
      total += bytesInOutput;
    }
  }
  return { rows: [...groups].sort((a, b) => b[1] - a[1]), total };
}

function print(rows, total, gzip) {
  console.log(`  ${'contributor'.padEnd(48)} ${'min'.padStart(9)} ${'share'.padStart(6)} ${'≈ gz'.padStart(9)}`);
  for (const [g, bytes] of rows.slice(0, top)) {
    const share = bytes / total;
    console.log(
      `  ${g.padEnd(48)} ${kb(bytes).padStart(9)} ${`${(share * 100).toFixed(1)}%`.padStart(6)} ${kb(share * gzip).padStart(9)}`,
    );
  }
  if (rows.length > top) {
    const rest = rows.slice(top).reduce((s, [, b]) => s + b, 0);
    console.log(`  ${`(${rows.length - top} more)`.padEnd(48)} ${kb(rest).padStart(9)}`);
  }
}

const out = {};
for (const [name, bundle] of Object.entries(BUNDLES)) {
  if (filters.length > 0 && !filters.some((f) => name.includes(f))) continue;
  const m = await measureBundle(bundle);
  const outputs = Object.entries(m.metafile.outputs).filter(([k]) => k.endsWith('.js'));
  // Split bundles: only the critical chunks make up `m.gzip`; the lazy ones are listed on their own.
  const critical = m.critical ? outputs.filter(([k]) => m.critical.has(k)) : outputs;
  const { rows, total } = groupsOf(critical.map(([, o]) => o));
  console.log(`\n${name}: ${kb(m.gzip)} gz, ${kb(m.min)} min, ${m.inputs} modules`);
  print(rows, total, m.gzip);
  out[name] = { gzip: m.gzip, min: m.min, groups: Object.fromEntries(rows) };
  if (m.critical) {
    const lazy = groupsOf(outputs.filter(([k]) => !m.critical.has(k)).map(([, o]) => o));
    console.log(`  lazy, through import() (${m.lazy.chunks} chunk(s)): ${kb(m.lazy.gzip)} gz, ${kb(m.lazy.min)} min`);
    print(lazy.rows, lazy.total, m.lazy.gzip);
    out[name].lazy = { gzip: m.lazy.gzip, min: m.lazy.min, groups: Object.fromEntries(lazy.rows) };
  }
}
if (args.includes('--json')) console.log(JSON.stringify({ bytes: out }));
