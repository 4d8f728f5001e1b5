import { BUNDLES, measureBundle } from './lib/bundle.js';
for (const name of ['critical path: register(), with the export pipeline chunk split off', 'frametel/vitals (own code, without web-vitals)', 'bootstrap: register + react, signals, table instrumentations + overlay', 'frametel own code, without the OTel SDK']) {
  const r = await measureBundle(BUNDLES[name]);
  console.log(r.gzip, name);
}
