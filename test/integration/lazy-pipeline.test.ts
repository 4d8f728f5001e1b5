import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register, type Frametel } from '../../src/index.js';
import { OtlpReceiver } from '../support/otlp-receiver.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A page that is still loading: document.readyState 'loading' and a window `load` listener the
 * test fires. The OTLP exporters chunk is only imported after it (or at the first export).
 */
function loadingPage() {
  const g = globalThis as Record<string, unknown>;
  const listeners: Array<() => void> = [];
  g.document = { readyState: 'loading' };
  g.addEventListener = (type: string, fn: () => void) => {
    if (type === 'load') listeners.push(fn);
  };
  return {
    fireLoad() {
      (g.document as { readyState: string }).readyState = 'complete';
      for (const fn of listeners.splice(0)) fn();
    },
    restore() {
      delete g.document;
      delete g.addEventListener;
    },
  };
}

describe('lazily loaded export pipeline → a real OTLP receiver', () => {
  let receiver: OtlpReceiver;
  let url: string;
  let ft: Frametel | undefined;

  beforeEach(async () => {
    receiver = new OtlpReceiver();
    url = await receiver.start();
  });
  afterEach(async () => {
    await ft?.shutdown();
    ft = undefined;
    await receiver.stop();
    vi.doUnmock('../../src/sdk/pipeline-chunk.js');
  });

  it('spans and metrics of the first 100 ms, before the chunk is loaded, all arrive', async () => {
    let imports = 0;
    vi.doMock('../../src/sdk/pipeline-chunk.js', async (importOriginal) => {
      imports++;
      return importOriginal();
    });
    const page = loadingPage();
    try {
      ft = register({
        serviceName: 'shop-web',
        endpoint: url,
        // Within budget: a violation record would start the chunk load at once (deferred-pipeline.test.ts).
        budgets: { 'boot.hydrate': 1000, 'boot.route': 1000 },
        metricExportIntervalMs: 60_000,
      });
      const started = performance.now();
      let n = 0;
      while (performance.now() - started < 100) {
        ft.track('boot.hydrate', () => busy(2));
        ft.track('boot.route', () => busy(0.1));
        n++;
        await sleep(10);
      }
      // Nothing was sent while the page was loading: the exporters are not even imported yet.
      expect(imports).toBe(0);
      expect(receiver.requests).toHaveLength(0);
      expect(ft.diagnostics().traces.exported).toBe(0);

      page.fireLoad();
      // load → idle (no requestIdleCallback in Node: a timer) → import(), with no export asking for it
      await vi.waitFor(() => expect(imports).toBe(1));
      await ft.forceFlush();

      const spans = receiver.spans();
      expect(spans.filter((s) => s.span.name === 'boot.hydrate')).toHaveLength(n);
      expect(spans.filter((s) => s.span.name === 'boot.route')).toHaveLength(n);
      const metrics = receiver.metrics();
      const histogram = metrics.find((m) => m.name === 'ui.operation.duration')!;
      const points = (histogram.metric.histogram as { dataPoints: Array<{ count: string | number }> }).dataPoints;
      expect(points.reduce((s, p) => s + Number(p.count), 0)).toBe(2 * n);
      expect(ft.diagnostics()).toMatchObject({
        traces: { exported: 2 * n, failed: 0, dropped: 0 },
        exportPipelineLoadFailures: 0,
        heldDropped: { traces: 0, metrics: 0, logs: 0 },
      });
    } finally {
      page.restore();
    }
  });

  it('a chunk that fails to load is counted in diagnostics() and retried once, and nothing is lost', async () => {
    let imports = 0;
    vi.doMock('../../src/sdk/pipeline-chunk.js', async (importOriginal) => {
      imports++;
      if (imports === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return importOriginal();
    });
    ft = register({ serviceName: 'shop-web', endpoint: url, budgets: { 'boot.hydrate': 1 } });
    ft.track('boot.hydrate', () => busy(2));
    await ft.forceFlush();
    expect(imports).toBe(2);
    expect(ft.diagnostics().exportPipelineLoadFailures).toBe(1);
    expect(receiver.spans().map((s) => s.span.name)).toEqual(['boot.hydrate']);
    expect(receiver.logRecords()).toHaveLength(1);
    expect(ft.diagnostics().traces).toMatchObject({ exported: 1, failed: 0 });
  });
});
