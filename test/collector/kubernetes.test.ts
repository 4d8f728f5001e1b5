import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
// @ts-expect-error -- plain ESM scripts shared with npm run collector:*
import { ROOT_DIR, requireBinaries } from '../../collector/binaries.mjs';
// @ts-expect-error -- plain ESM scripts shared with npm run collector:*
import { configMap, OUT } from '../../deploy/kubernetes/generate.mjs';

const { collector } = requireBinaries() as { collector: string };
const DIR = join(ROOT_DIR as string, 'deploy', 'kubernetes');

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects, checked field by field below
type K8s = any;
interface EnvVar {
  name: string;
  value?: string;
}

const docs: K8s[] = ['namespace.yaml', 'configmap.yaml', 'edge.yaml', 'gateway.yaml'].flatMap((f) =>
  parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((d) => d.toJS()),
);
const find = (kind: string, name: string) => {
  const d = docs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!d) throw new Error(`${kind}/${name} missing from deploy/kubernetes`);
  return d;
};
const mib = (q: string) => {
  const m = /^(\d+)(Mi|Gi)$/.exec(q);
  if (!m) throw new Error(`memory quantity ${q}: expected <n>Mi or <n>Gi`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
};

describe('deploy/kubernetes: manifests run the exact configs the tests run', () => {
  const work = mkdtempSync(join(tmpdir(), 'frametel-k8s-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the ConfigMap is generated from the repo files, verbatim and up to date', () => {
    expect(readFileSync(OUT as string, 'utf8')).toBe(configMap());
    const kustomization = parseAllDocuments(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'))[0]!.toJS();
    expect(kustomization.resources).toEqual(['namespace.yaml', 'configmap.yaml', 'gateway.yaml', 'edge.yaml']);
  });

  it('edge: Deployment + Service + CPU HorizontalPodAutoscaler; gateway: StatefulSet behind the headless Service the edge resolves', () => {
    const edge = find('Deployment', 'frametel-edge');
    const hpa = find('HorizontalPodAutoscaler', 'frametel-edge');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'frametel-edge' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const svc = find('Service', 'frametel-edge');
    expect(svc.spec.selector).toEqual(edge.spec.selector.matchLabels);
    expect(svc.spec.ports.map((p: { port: number }) => p.port).sort()).toEqual([4317, 4318]);

    const gw = find('StatefulSet', 'frametel-gateway');
    const headless = find('Service', gw.spec.serviceName);
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.selector).toEqual(gw.spec.selector.matchLabels);
    const edgeEnv = Object.fromEntries(
      (edge.spec.template.spec.containers[0].env as EnvVar[]).map((e) => [e.name, e.value]),
    );
    expect(edgeEnv.FRAMETEL_GATEWAY_DNS).toBe(`${headless.metadata.name}.frametel.svc.cluster.local`);
    expect(Number(edgeEnv.FRAMETEL_GATEWAY_PORT)).toBe(headless.spec.ports[0].port);
  });

  it.each([
    ['Deployment', 'frametel-edge'],
    ['StatefulSet', 'frametel-gateway'],
  ])(
    '%s/%s: the real binary validates the config it mounts, with its environment; memory_limiter fits the container',
    (kind, name) => {
      const pod = find(kind, name).spec.template.spec;
      const container = pod.containers[0];
      // The ConfigMap volume, materialised where the container would see it.
      const mount = container.volumeMounts.find((m: { name: string }) => m.name === 'config');
      const volume = pod.volumes.find((v: { name: string }) => v.name === 'config');
      const cm = find('ConfigMap', volume.configMap.name);
      const dir = join(work, name);
      rmSync(dir, { recursive: true, force: true });
      spawnSync('mkdir', ['-p', dir]);
      for (const [key, text] of Object.entries(cm.data as Record<string, string>)) writeFileSync(join(dir, key), text);
      const args = (container.args as string[]).map((a) => {
        const m = /^--config=(.*)$/.exec(a);
        if (!m) throw new Error(`unexpected arg ${a}`);
        expect(m[1]!.startsWith(`${mount.mountPath}/`), a).toBe(true);
        return ['--config', join(dir, m[1]!.slice(mount.mountPath.length + 1))];
      });
      const env = Object.fromEntries((container.env as EnvVar[]).map((e) => [e.name, e.value ?? '']));
      const result = spawnSync(collector, ['validate', ...args.flat()], {
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(0);

      const limit = mib(container.resources.limits.memory);
      const limiter = Number(env.FRAMETEL_MEMORY_LIMIT_MIB);
      expect(limiter).toBeLessThanOrEqual(limit * 0.8);
      expect(limiter).toBeGreaterThanOrEqual(limit * 0.7);
      expect(env.GOMEMLIMIT).toBe(`${limiter}MiB`);
      expect(mib(container.resources.requests.memory)).toBe(limit);
    },
  );
});
