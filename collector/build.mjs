// npm run collector:build — builds otelcol-frametel (OpenTelemetry Collector Builder, pinned) and
// Jaeger v2 from the Go module proxy into ~/.cache/frametel (FRAMETEL_CACHE_DIR), skipping each
// build whose inputs (manifest or module version, and the Go version) have not changed.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  BUILDER_VERSION,
  JAEGER_MODULE_VERSION,
  JAEGER_REPLACES,
  MANIFEST,
  cacheDir,
  collectorBinary,
  goVersion,
  jaegerBinary,
} from './binaries.mjs';

const started = Date.now();
const elapsed = (since = started) => `${((Date.now() - since) / 1000).toFixed(0)}s`;
const log = (msg) => console.log(`[collector:build ${elapsed()}] ${msg}`);
// Two cores here and in CI: -p=2 keeps the compiler from starving everything else.
const goEnv = { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -p=2 -buildvcs=false`.trim(), CGO_ENABLED: '0' };

/** Runs a command, printing a progress line every 30 s and the output tail when it fails. */
function run(cmd, args, { cwd, env = goEnv, what }) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    let downloads = 0;
    const collect = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        if (line.startsWith('go: downloading')) downloads++;
        tail.push(line);
        if (tail.length > 40) tail.shift();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setInterval(
      () => log(`${what}: still working (${elapsed(t0)}, ${downloads} modules downloaded)`),
      30_000,
    );
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (code === 0) return resolve();
      console.error(tail.join('\n'));
      reject(new Error(`${what} failed (exit ${code}): ${cmd} ${args.join(' ')}`));
    });
  });
}

const size = (path) => `${(statSync(path).size / 1024 / 1024).toFixed(1)} MB`;

async function buildCollector(go) {
  const binary = collectorBinary(go);
  if (existsSync(binary)) return log(`otelcol-frametel up to date: ${binary} (${size(binary)})`);
  const t0 = Date.now();
  const tools = join(cacheDir(), 'tools', BUILDER_VERSION);
  const builder = join(tools, 'builder');
  if (!existsSync(builder)) {
    log(`installing the OpenTelemetry Collector Builder ${BUILDER_VERSION}`);
    await run('go', ['install', `go.opentelemetry.io/collector/cmd/builder@${BUILDER_VERSION}`], {
      env: { ...goEnv, GOBIN: tools },
      what: 'go install builder',
    });
  }
  const dir = join(binary, '..');
  const work = join(dir, 'src');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const manifest = readFileSync(MANIFEST, 'utf8').replace(/^(\s*output_path:).*$/m, `$1 ${work}`);
  writeFileSync(join(dir, 'manifest.yaml'), manifest);
  log(`building otelcol-frametel (first build downloads the modules and compiles; several minutes on 2 cores)`);
  await run(builder, ['--config', join(dir, 'manifest.yaml')], { cwd: dir, what: 'builder' });
  renameSync(join(work, 'otelcol-frametel'), binary);
  log(`otelcol-frametel built in ${elapsed(t0)}: ${binary} (${size(binary)})`);
}

async function buildJaeger(go) {
  const binary = jaegerBinary(go);
  if (existsSync(binary)) return log(`jaeger up to date: ${binary} (${size(binary)})`);
  const t0 = Date.now();
  const work = join(binary, '..', 'src');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  log(`building Jaeger ${JAEGER_MODULE_VERSION} (= v2.13.0) in a wrapper module`);
  writeFileSync(
    join(work, 'go.mod'),
    [
      'module frametel.local/jaeger-build',
      '',
      'go 1.24.6',
      '',
      `require github.com/jaegertracing/jaeger ${JAEGER_MODULE_VERSION}`,
      '',
      ...JAEGER_REPLACES.map((r) => `replace ${r}`),
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(work, 'tools.go'),
    '//go:build tools\n\npackage tools\n\nimport _ "github.com/jaegertracing/jaeger/cmd/jaeger"\n',
  );
  // Jaeger's own go.sum pins every dependency it was released with; starting from it, the Go
  // tool needs no checksum-database look-ups (which the proxy here does not answer for all).
  await run('go', ['mod', 'download', `github.com/jaegertracing/jaeger@${JAEGER_MODULE_VERSION}`], {
    cwd: work,
    what: 'go mod download jaeger',
  });
  const modDir = join(
    process.env.GOMODCACHE || join(process.env.HOME ?? '', 'go', 'pkg', 'mod'),
    'github.com',
    'jaegertracing',
    `jaeger@${JAEGER_MODULE_VERSION}`,
  );
  copyFileSync(join(modDir, 'go.sum'), join(work, 'go.sum'));
  await run('go', ['mod', 'tidy'], { cwd: work, what: 'go mod tidy (jaeger)' });
  await run(
    'go',
    ['build', '-trimpath', '-ldflags=-s -w', '-o', binary, 'github.com/jaegertracing/jaeger/cmd/jaeger'],
    { cwd: work, what: 'go build jaeger' },
  );
  log(`jaeger built in ${elapsed(t0)}: ${binary} (${size(binary)})`);
}

const go = goVersion();
if (go === 'no-go') {
  console.error('collector:build needs Go (https://go.dev/dl/); none found on PATH');
  process.exit(1);
}
log(`${go}; cache ${cacheDir()}`);
try {
  await buildCollector(go);
  await buildJaeger(go);
  log('done');
} catch (error) {
  console.error(`[collector:build] ${error.message}`);
  process.exit(1);
}
