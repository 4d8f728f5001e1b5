// Post-build step (npm run build): replaces dist/stats/sketch.js, a re-export of
// @datadog/sketches-js, with the library bundled in as ESM, minus its protobuf code.
// Why: the library lazily requires 'protobufjs/minimal' (not one of its dependencies) for
// toProto/fromProto; every browser bundler follows that require and fails the app's build.
// frametel never serialises sketches, so those requires get a stub that throws if ever called.
// It also uses only the logarithmic mapping and the collapsing-lowest dense store, so the
// library's `./mapping` and `./store` index modules (which load every mapping and store) are
// replaced by ones that load just those: about a third of the library's bytes.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = `${root}dist/stats/sketch.js`;
const license = readFileSync(`${root}node_modules/@datadog/sketches-js/LICENSE`, 'utf8').split('\n')[0];
const version = JSON.parse(readFileSync(`${root}node_modules/@datadog/sketches-js/package.json`, 'utf8')).version;

const noProtobuf = {
  name: 'no-protobuf',
  setup(b) {
    b.onResolve({ filter: /\/proto\/compiled$/ }, (args) => ({ path: args.path, namespace: 'no-protobuf' }));
    b.onLoad({ filter: /.*/, namespace: 'no-protobuf' }, () => ({
      contents: `const unsupported = () => { throw new Error('frametel: DDSketch protobuf serialisation is not bundled'); };
module.exports = new Proxy({}, { get: unsupported });`,
      loader: 'js',
    }));
  },
};

const lib = `${root}node_modules/@datadog/sketches-js/dist/ddsketch`;
/** Index modules of the library → only the classes frametel constructs (getters: no require cycle at load). */
const onlyUsed = {
  mapping: { dir: `${lib}/mapping`, classes: ['KeyMapping', 'LogarithmicMapping'] },
  store: { dir: `${lib}/store`, classes: ['DenseStore', 'CollapsingLowestDenseStore'] },
};
const trimIndexes = {
  name: 'only-used-classes',
  setup(b) {
    b.onResolve({ filter: /^\.\/(mapping|store|index)$/ }, (args) => {
      if (!args.importer.includes('sketches-js')) return undefined;
      const which =
        args.path === './index' ? (args.importer.includes('/mapping/') ? 'mapping' : undefined) : args.path.slice(2);
      return which ? { path: which, namespace: 'only-used' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'only-used' }, (args) => {
      const { dir, classes } = onlyUsed[args.path];
      return {
        contents: classes
          .map(
            (c) =>
              `Object.defineProperty(exports, '${c}', { enumerable: true, get: () => require(${JSON.stringify(`${dir}/${c}.js`)}).${c} });`,
          )
          .join('\n'),
        resolveDir: dir,
        loader: 'js',
      };
    });
  },
};

const result = await build({
  entryPoints: [target],
  outfile: target,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2020',
  plugins: [noProtobuf, trimIndexes],
  banner: {
    js: `/*! @datadog/sketches-js ${version} — ${license.trim()} — https://github.com/DataDog/sketches-js (bundled by frametel without its protobuf code) */`,
  },
  logLevel: 'warning',
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).filter((f) => f.includes('sketches-js'));
const bundled = inputs.length;
if (inputs.some((f) => /Interpolated|CollapsingHighest/.test(f)))
  throw new Error(`bundle-sketch: unused sketch classes were bundled: ${inputs.join(', ')}`);
if (bundled < 5) throw new Error(`bundle-sketch: expected the sketches-js modules in the bundle, found ${bundled}`);
console.log(
  `bundle-sketch: dist/stats/sketch.js ← @datadog/sketches-js ${version} (${bundled} modules, protobuf code stubbed)`,
);
