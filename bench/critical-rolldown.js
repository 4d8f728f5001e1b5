// The code-split bundles of bench/lib/bundle.js built with Rolldown (Vite 8's bundler) instead of
// esbuild: the critical path (the entry chunk and the chunks it imports statically) and the lazy
// chunks, gzip -9 of each chunk as bench/lib/bundle.js measures them. Not part of `npm run bench`.
// Why it exists: esbuild puts a file in a chunk shared with the entry when the entry's import graph
// reaches it, even if only the lazy chunk uses it (the SDK's BatchSpanProcessor, reached through
// the trace SDK's platform index); Rolldown assigns modules by use. Run after `npm run build`:
//   node bench/critical-rolldown.js
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { BUNDLES, kb, root } from './lib/bundle.js';

for (const [name, { code, external = [], split }] of Object.entries(BUNDLES)) {
  if (!split) continue;
  const bundle = await rolldown({
    input: 'entry.js',
    cwd: root,
    platform: 'browser',
    external: external.map((e) => new RegExp(`^${e.replace('*', '.*')}`)),
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === 'entry.js' ? id : null),
        load: (id) => (id === 'entry.js' ? code : null),
      },
    ],
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  await bundle.close();
  const chunks = new Map(output.filter((o) => o.type === 'chunk').map((o) => [o.fileName, o]));
  const critical = new Set();
  const visit = (file) => {
    if (critical.has(file)) return;
    critical.add(file);
    for (const i of chunks.get(file)?.imports ?? []) visit(i);
  };
  visit(output.find((o) => o.type === 'chunk' && o.isEntry).fileName);
  const sizes = { critical: 0, lazy: 0 };
  for (const [file, chunk] of chunks)
    sizes[critical.has(file) ? 'critical' : 'lazy'] += gzipSync(chunk.code, { level: 9 }).length;
  console.log(
    `${name}: critical path ${sizes.critical} B (${kb(sizes.critical)}) gz, lazy ${sizes.lazy} B (${kb(sizes.lazy)}) gz`,
  );
}
