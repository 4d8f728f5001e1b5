/**
 * The percentile sketch, re-exported through this one module so the build can bundle
 * @datadog/sketches-js into dist without its protobuf serialisation code and without the parts
 * frametel does not use: the library's `toProto`/`fromProto` lazily `require('protobufjs/minimal')`,
 * a package it does not depend on, and browser bundlers (esbuild, Vite, webpack) follow that
 * require and fail. frametel never serialises sketches, and uses only the logarithmic mapping
 * with a collapsing-lowest dense store. See scripts/bundle-sketch.mjs and docs/decisions.md.
 */
export { DDSketch } from '@datadog/sketches-js';
export { CollapsingLowestDenseStore } from '@datadog/sketches-js/dist/ddsketch/store/CollapsingLowestDenseStore.js';
