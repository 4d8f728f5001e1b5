/**
 * The percentile sketch, re-exported through this one module so the build can bundle
 * @datadog/sketches-js into dist without its protobuf serialisation code: the library's
 * `toProto`/`fromProto` lazily `require('protobufjs/minimal')`, a package it does not depend
 * on, and browser bundlers (esbuild, Vite, webpack) follow that require and fail. frametel
 * never serialises sketches. See scripts/bundle-sketch.mjs and docs/decisions.md.
 */
export { LogCollapsingLowestDenseDDSketch } from '@datadog/sketches-js';
