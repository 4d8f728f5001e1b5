import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  growthRate,
  markDisposed,
  MemoryInstrumentation,
  trackLifecycle,
} from '../../../src/instrumentations/memory/index.js';
import { dataPointsOf } from '../../support/sdk.js';

const fixture = fileURLToPath(new URL('./fixtures/leaks.mjs', import.meta.url));
// Garbage collection on demand needs its own `node --expose-gc` process (against dist: npm test builds first).
const run = (mode: string) =>
  JSON.parse(execFileSync(process.execPath, ['--expose-gc', fixture, mode], { encoding: 'utf8' })) as {
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
    expect(leak.growth[0]!.rate).toBeGreaterThan(500_000_000);
    expect(run('control').growth).toEqual([]);
  });

  it('listeners of targets that are garbage-collected drop out of the listener count', () => {
    const r = JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', fixture, 'listeners'], { encoding: 'utf8' }),
    ) as { before: number; after: number };
    expect(r).toMatchObject({ before: 100, after: 10 });
  });

  it('growthRate is the least-squares slope in bytes per minute', () => {
    expect(
      growthRate([
        { at: 0, bytes: 0 },
        { at: 60_000, bytes: 600 },
        { at: 120_000, bytes: 1200 },
      ]),
    ).toBeCloseTo(600);
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
    expect(
      dataPointsOf(exporter.getMetrics(), 'ui.memory.tracked').map((p) => [p.attributes['ui.memory.kind'], p.value]),
    ).toEqual([['component', 1]]);
    inst.disable();
    exporter.reset();
    await reader.forceFlush();
    expect(dataPointsOf(exporter.getMetrics(), 'ui.memory.heap.used')).toEqual([]);
    void a;
  });

  it('trackLifecycle / markDisposed from frametel/memory feed every MemoryInstrumentation (tracked before it existed)', async () => {
    const widgets = [{}, {}, {}];
    for (const [i, w] of widgets.entries()) trackLifecycle(w, 'widget', `w${i}`);
    markDisposed(widgets[0]!);
    const exporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const inst = new MemoryInstrumentation({ snapshotIntervalMs: 0 });
    inst.setMeterProvider(new MeterProvider({ readers: [reader] }));
    await reader.forceFlush();
    const tracked = dataPointsOf(exporter.getMetrics(), 'ui.memory.tracked').find(
      (p) => p.attributes['ui.memory.kind'] === 'widget',
    );
    expect(tracked!.value).toBe(2);
    expect(
      inst
        .detectLeaks(0)
        .filter((l) => l.kind === 'widget')
        .map((l) => l.name),
    ).toEqual(['w0']);
    inst.disable();
    void widgets;
  });

  describe('measureUserAgentSpecificMemory', () => {
    const g = globalThis as { crossOriginIsolated?: boolean };
    const perf = performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
    let calls = 0;
    const heapPoint = async (inst: MemoryInstrumentation) => {
      const exporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
      const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
      inst.setMeterProvider(new MeterProvider({ readers: [reader] }));
      await new Promise((r) => setTimeout(r, 10)); // the measurement resolves asynchronously
      await reader.forceFlush();
      inst.disable();
      return dataPointsOf(exporter.getMetrics(), 'ui.memory.heap.used')[0]!;
    };
    afterEach(() => {
      delete g.crossOriginIsolated;
      delete perf.measureUserAgentSpecificMemory;
    });
    beforeEach(() => {
      calls = 0;
      // Browsers only: stand-in with the API's shape (bytes + breakdown), counting calls.
      perf.measureUserAgentSpecificMemory = async () => {
        calls++;
        return { bytes: 123_456_789, breakdown: [] } as never;
      };
    });

    it('is the heap figure on cross-origin isolated pages, with ui.memory.source saying so', async () => {
      g.crossOriginIsolated = true;
      const point = await heapPoint(new MemoryInstrumentation({ snapshotIntervalMs: 0 }));
      expect(calls).toBe(1);
      expect(point.value).toBe(123_456_789);
      expect(point.attributes['ui.memory.source']).toBe('measureUserAgentSpecificMemory');
    });

    it('is not called without cross-origin isolation (the browser would throw); Node falls back to process.memoryUsage', async () => {
      const point = await heapPoint(new MemoryInstrumentation({ snapshotIntervalMs: 0 }));
      expect(calls).toBe(0);
      expect(point.attributes['ui.memory.source']).toBe('process.memoryUsage');
      expect(point.value).not.toBe(123_456_789);
    });
  });
});
