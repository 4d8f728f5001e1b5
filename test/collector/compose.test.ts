import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error -- plain ESM scripts shared with npm run collector:*
import { ROOT_DIR, requireBinaries } from '../../collector/binaries.mjs';

const { collector } = requireBinaries() as { collector: string };
const root = ROOT_DIR as string;

interface Service {
  profiles?: string[];
  command: string;
  volumes: string[];
  environment: Record<string, string>;
  depends_on?: string[];
}
const compose = parse(readFileSync(join(root, 'docker-compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
/** Compose's ${VAR:-default} with nothing set: the default. */
const interpolate = (s: string) => s.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

/** No Docker engine here: the scale profile is checked by running its exact configs through the real binary. */
describe('docker-compose.yaml, profile scale: 1 edge + 3 gateways + Jaeger', () => {
  const scale = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('scale'));

  it('has the edge, three gateways, and the edge lists exactly those gateways', () => {
    expect(scale.map(([n]) => n).sort()).toEqual(['edge', 'gateway-1', 'gateway-2', 'gateway-3']);
    const edge = compose.services.edge!;
    expect(edge.depends_on).toEqual(['gateway-1', 'gateway-2', 'gateway-3']);
    expect(edge.environment.FRAMETEL_GATEWAYS).toBe('[gateway-1:4317, gateway-2:4317, gateway-3:4317]');
    expect(compose.services['gateway-1']!.depends_on).toEqual(['jaeger']);
    expect(compose.services.collector!.profiles).toBeUndefined();
  });

  it.each(['collector', 'edge', 'gateway-1'])(
    '%s: the real binary validates the configs the container mounts',
    (name) => {
      const svc = compose.services[name]!;
      const mounts = svc.volumes
        .map((v) => v.split(':'))
        .filter(([from]) => from!.startsWith('./'))
        .map(([from, to]) => [to!, join(root, from!)] as const);
      const args = interpolate(svc.command)
        .split(/\s+/)
        .filter(Boolean)
        .flatMap((a) => {
          const path = a.replace(/^--config=/, '');
          const m = mounts.find(([to]) => path === to || path.startsWith(`${to}/`));
          if (!m) throw new Error(`${name}: ${path} is not mounted from the repo`);
          return ['--config', m[1] + path.slice(m[0].length)];
        });
      const env = Object.fromEntries(Object.entries(svc.environment).map(([k, v]) => [k, interpolate(String(v))]));
      const result = spawnSync(collector, ['validate', ...args], {
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(0);
      expect(env.GOMEMLIMIT).toBe(`${env.FRAMETEL_MEMORY_LIMIT_MIB}MiB`);
    },
  );
});
