// A local scale-out deployment on 127.0.0.1 with free ports: Jaeger, N gateways, one edge, each
// a real process with its own queue directory; used by test/collector/scale-out.test.ts,
// collector/scale/check.mjs and the collector bench. Every process is stopped with the cluster
// (and SIGKILLed if this Node process exits first).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR, requireBinaries } from '../binaries.mjs';
import { JAEGER_CONFIG, collectorSetup } from '../stack.mjs';

const LOG_DIR = join(ROOT_DIR, 'test-results', 'collector');
const live = new Set();
process.once('exit', () => {
  for (const p of live) p.signal('SIGKILL');
});

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, proc, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited (${proc.child.exitCode}):\n${proc.log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${proc.name}: ${url} did not answer in ${timeoutMs} ms:\n${proc.log()}`);
}

/** One child process: start, SIGTERM/SIGKILL, restart with the same command, RSS from /proc. */
class Proc {
  constructor(name, cmd, args, env, healthUrl) {
    Object.assign(this, { name, cmd, args, env, healthUrl });
    mkdirSync(LOG_DIR, { recursive: true });
    this.logFile = join(LOG_DIR, `${name}.log`);
  }
  async start() {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    log.write(`\n--- ${new Date().toISOString()} ${this.cmd} ${this.args.join(' ')}\n`);
    this.child = spawn(this.cmd, this.args, { env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout.pipe(log, { end: false });
    this.child.stderr.pipe(log, { end: false });
    this.exited = new Promise((r) => this.child.once('exit', r));
    live.add(this);
    await waitFor(this.healthUrl, this);
    return this;
  }
  signal(sig) {
    if (this.child?.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(-this.child.pid, sig);
      } catch {
        // gone
      }
    }
  }
  /** SIGTERM (graceful, SIGKILL after 20 s) or SIGKILL; resolves once it has exited. */
  async stop(sig = 'SIGTERM') {
    if (!this.child) return;
    this.signal(sig);
    const t = setTimeout(() => this.signal('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(t);
    live.delete(this);
  }
  rssMiB() {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))[1]) / 1024;
    } catch {
      return Number.NaN;
    }
  }
  log() {
    try {
      return readFileSync(this.logFile, 'utf8').slice(-4000);
    } catch {
      return '';
    }
  }
}

async function startJaeger(name) {
  const bins = requireBinaries();
  const p = Object.fromEntries(
    await Promise.all(['grpc', 'http', 'query', 'queryGrpc', 'health'].map(async (k) => [k, await freePort()])),
  );
  const jaeger = new Proc(
    name,
    bins.jaeger,
    ['--config', JAEGER_CONFIG],
    {
      ...process.env,
      JAEGER_OTLP_GRPC_PORT: String(p.grpc),
      JAEGER_OTLP_HTTP_PORT: String(p.http),
      JAEGER_QUERY_PORT: String(p.query),
      JAEGER_QUERY_GRPC_PORT: String(p.queryGrpc),
      JAEGER_HEALTH_PORT: String(p.health),
      JAEGER_MAX_TRACES: '200000',
    },
    `http://127.0.0.1:${p.health}/status`,
  );
  await jaeger.start();
  return { proc: jaeger, grpc: `127.0.0.1:${p.grpc}`, queryUrl: `http://127.0.0.1:${p.query}` };
}

async function collectorProc(name, role, env) {
  const bins = requireBinaries();
  const [http, grpc, health, metrics] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const queueDir = mkdtempSync(join(tmpdir(), `frametel-${name}-`));
  const setup = collectorSetup(
    {
      ...process.env,
      FRAMETEL_OTLP_HTTP_ENDPOINT: `127.0.0.1:${http}`,
      FRAMETEL_OTLP_GRPC_ENDPOINT: `127.0.0.1:${grpc}`,
      FRAMETEL_HEALTH_ENDPOINT: `127.0.0.1:${health}`,
      FRAMETEL_COLLECTOR_METRICS_PORT: String(metrics),
      FRAMETEL_QUEUE_DIR: queueDir,
      FRAMETEL_LOG_LEVEL: 'warn',
      ...env,
    },
    role,
  );
  const proc = new Proc(name, bins.collector, setup.args, setup.env, `http://127.0.0.1:${health}/`);
  proc.queueDir = queueDir;
  proc.grpc = `127.0.0.1:${grpc}`;
  proc.httpUrl = `http://127.0.0.1:${http}`;
  return proc;
}

/** Sum of a collector's own counter (e.g. otelcol_receiver_accepted_spans) over its label sets. */
export async function counter(proc, name) {
  const port = proc.env.FRAMETEL_COLLECTOR_METRICS_PORT;
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(?:_total)?(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'gm')))
    sum += Number(m[1]);
  return sum;
}

/**
 * Starts Jaeger, `gateways` gateways and one edge (role 'scale'), or Jaeger and one collector
 * (role 'single'). `env` is added to every collector's environment.
 */
export async function startCluster({ gateways = 3, single = false, env = {}, prefix = 'scale' } = {}) {
  const jaeger = await startJaeger(`${prefix}-jaeger`);
  const backEnd = { FRAMETEL_JAEGER_ENDPOINT: jaeger.grpc, FRAMETEL_BATCH_TIMEOUT: '200ms', ...env };
  const procs = [jaeger.proc];
  const cluster = { jaeger, gateways: [], edge: undefined, procs };
  if (single) {
    cluster.edge = await collectorProc(`${prefix}-single`, 'single', backEnd);
    await cluster.edge.start();
    procs.push(cluster.edge);
  } else {
    for (let i = 0; i < gateways; i++) {
      const gw = await collectorProc(`${prefix}-gateway-${i}`, 'gateway', backEnd);
      await gw.start();
      cluster.gateways.push(gw);
      procs.push(gw);
    }
    cluster.edge = await collectorProc(`${prefix}-edge`, 'edge', {
      FRAMETEL_BATCH_TIMEOUT: '200ms',
      FRAMETEL_GATEWAYS: `[${cluster.gateways.map((g) => g.grpc).join(', ')}]`,
      ...env,
    });
    await cluster.edge.start();
    procs.push(cluster.edge);
  }
  cluster.stop = async () => {
    await Promise.allSettled(procs.map((p) => p.stop()));
    for (const p of procs) if (p.queueDir) rmSync(p.queueDir, { recursive: true, force: true });
  };
  return cluster;
}
