import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { growthRate, MemoryInstrumentation } from '../../../src/instrumentations/memory/index.js';
import { dataPointsOf } from '../../support/sdk.js';

const fixture = fileURLToPath(new URL('./fixtures/leaks.mjs', import.meta.url));
// Garbage collection on demand needs its own `node --expose-gc` process (against dist: npm test builds first).
const run = (mode: string) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', fixture, mode], { encoding: 'utf8' })) as {
  leaks: string[];
  growth: Array<{ event: string; rate: number }>;
  snapshots: number;
};

describe('MemoryInstrumentation', () => {
  it('detectLeaks lists disposed objects that are still referenced, and only those', () => {
    expect(run('leak').leaks).toEqual(['row 0', 'row 10', 'row 15', 'row 5']);
    expect(run('control').leaks).toEqual([]);
  });

  it('emits ui.memory.growth once when heap growth stays over the threshold; not without growth', () => {
    const leak = run('leak');
    expect(leak.snapshots).toBe(6);
    expect(leak.growth).toHaveLength(1);
    expect(leak.growth[0]!.event).toBe('ui.memory.growth');
    expect(leak.growth[0]!.rate).toBeGreaterThan(1_000_000);
    expect(run('control').growth).toEqual([]);
  });

  it('growthRate is the least-squares slope in bytes per minute', () => {
    expect(growthRate([{ at: 0, bytes: 0 }, { at: 60_000, bytes: 600 }, { at: 120_000, bytes: 1200 }])).toBeCloseTo(600);
    expect(growthRate([{ at: 0, bytes: 5 }])).toBe(0);
  });

  it('exports heap and tracked-object gauges while enabled, nothing when disabled', async () => {
    // Delta: an export only holds what was observed since the previous one.
    const exporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const inst = new MemoryInstrumentation({ snapshotIntervalMs: 0 });
    inst.setMeterProvider(new MeterProvider({ readers: [reader] }));
    const a = {};
    const b = {};
    inst.trackLifecycle(a, 'component', 'Cart');
    inst.trackLifecycle(b, 'component', 'Badge');
    inst.markDisposed(b);
    await reader.forceFlush();
    const heap = dataPointsOf(exporter.getMetrics(), 'ui.memory.heap.used');
    expect(heap[0]!.value as number).toBeGreaterThan(1_000_000);
    expect(dataPointsOf(exporter.getMetrics(), 'ui.memory.tracked').map((p) => [p.attributes['ui.memory.kind'], p.value])).toEqual([['component', 1]]);
    inst.disable();
    exporter.reset();
    await reader.forceFlush();
    expect(dataPointsOf(exporter.getMetrics(), 'ui.memory.heap.used')).toEqual([]);
    void a;
  });
});
