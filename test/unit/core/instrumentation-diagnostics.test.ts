import { createTable, getCoreRowModel, type TableState } from 'table-core-v8';
import { afterEach, describe, expect, it } from 'vitest';
import { type Frametel, register } from '../../../src/index.js';
import { ErrorInstrumentation } from '../../../src/instrumentations/errors/index.js';
import { MemoryInstrumentation, trackLifecycle } from '../../../src/instrumentations/memory/index.js';
import { ReactRenderInstrumentation } from '../../../src/instrumentations/react/index.js';
import { instrumentTable, TableInstrumentation } from '../../../src/instrumentations/table/index.js';
import { liveTelemetries } from '../../../src/instrumentations/table/telemetry.js';

let ft: Frametel | undefined;
afterEach(async () => {
  await ft?.shutdown();
  ft = undefined;
});

const S = { serviceName: 'diag', endpoint: false as const };

/** A minimal instrumentation for register(), with a diagnostics() of our choosing. */
function fake(name: string, diagnostics: () => unknown) {
  return {
    instrumentationName: name,
    enable() {},
    disable() {},
    setTracerProvider() {},
    setMeterProvider() {},
    getConfig: () => ({ enabled: true }),
    diagnostics,
  };
}

describe("instrumentations' own drop counters show up in ft.diagnostics().instrumentations", () => {
  it('React: renders of components past maxComponents', () => {
    const react = new ReactRenderInstrumentation({ maxComponents: 1 });
    ft = register({ ...S, instrumentations: [react] });
    react.record('A', 'mount', 1, 1, 0);
    react.record('B', 'mount', 1, 1, 0);
    react.record('B', 'mount', 1, 1, 0);
    expect(ft.diagnostics().instrumentations['frametel/react']).toEqual({ componentRendersDropped: 2 });
    expect(react.slowestComponents(5).map((c) => c.name)).toEqual(['A']);
  });

  it('errors: a throwing beforeSend drops the error and is counted', () => {
    const errors = new ErrorInstrumentation({
      beforeSend: () => {
        throw new Error('scrubber bug');
      },
    });
    ft = register({ ...S, instrumentations: [errors] });
    errors.captureException(new Error('boom'));
    expect(ft.diagnostics().instrumentations['frametel/errors']).toEqual({ beforeSendFailures: 1, sentryFailures: 0 });
  });

  it('errors: a throwing Sentry bridge is counted', () => {
    const errors = new ErrorInstrumentation({
      sentry: {
        capture() {
          throw new Error('sentry down');
        },
      },
    });
    ft = register({ ...S, instrumentations: [errors] });
    errors.captureException(new Error('boom'));
    expect(ft.diagnostics().instrumentations['frametel/errors']?.sentryFailures).toBe(1);
  });

  it('memory: trackLifecycle calls past the registry cap', () => {
    const memory = new MemoryInstrumentation({ snapshotIntervalMs: 0 });
    ft = register({ ...S, instrumentations: [memory] });
    const kept: object[] = [];
    for (let i = 0; i < 100_002; i++) {
      const o = {};
      kept.push(o);
      trackLifecycle(o, 'row', `r${i}`);
    }
    expect(ft.diagnostics().instrumentations['frametel/memory']).toEqual({ lifecycleTrackDropped: 2 });
    expect(kept).toHaveLength(100_002);
  });

  it('table: departures not watched for leaks because the watch list was full', () => {
    const table = new TableInstrumentation();
    ft = register({ ...S, instrumentations: [table] });
    let state = {} as TableState;
    const t = createTable<{ id: number }>({
      data: [{ id: 1 }],
      columns: [{ accessorKey: 'id' }],
      getCoreRowModel: getCoreRowModel(),
      state,
      onStateChange: (u) => {
        state = typeof u === 'function' ? u(state) : u;
      },
      renderFallbackValue: null,
    });
    const undo = instrumentTable(t, { name: 'orders' });
    const departed = Array.from({ length: 100_001 }, () => ({}));
    for (const live of liveTelemetries()) live.rowLeaks.replaced(departed, []);
    expect(ft.diagnostics().instrumentations['frametel/table']).toEqual({
      rowDeparturesDropped: liveTelemetries().length,
      columnDeparturesDropped: 0,
    });
    undo();
  });

  it('sums instances that share a name, ignores non-numbers, and counts a throwing source instead of throwing', () => {
    ft = register({
      ...S,
      instrumentations: [
        fake('x/a', () => ({ lost: 2, note: 'ignored', nan: Number.NaN })),
        fake('x/a', () => ({ lost: 3 })),
        fake('x/b', () => {
          throw new Error('broken source');
        }),
      ] as never,
    });
    const before = ft.diagnostics().internalErrors;
    const d = ft.diagnostics();
    expect(d.instrumentations).toEqual({ 'x/a': { lost: 5 } });
    expect(d.internalErrors).toBe(before + 1);
  });

  it('is a snapshot: changing it does not change the next one; the no-op handle has none', () => {
    ft = register({ ...S, instrumentations: [fake('x/a', () => ({ lost: 1 }))] as never });
    const first = ft.diagnostics();
    first.instrumentations['x/a']!.lost = 99;
    expect(ft.diagnostics().instrumentations['x/a']).toEqual({ lost: 1 });
    expect(register({ ...S, enabled: false }).diagnostics().instrumentations).toEqual({});
  });
});
