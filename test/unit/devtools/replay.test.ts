// @vitest-environment happy-dom
import * as signals from '@preact/signals-core';
import {
  constructTable,
  createSortedRowModel,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/table-core';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { afterEach, describe, expect, it } from 'vitest';
import { SpanRingBuffer } from '../../../src/devtools/index.js';
import {
  parseRecording,
  RECORDING_VERSION,
  recordSession,
  replaySession,
  type Recording,
} from '../../../src/devtools/replay/index.js';
import { FrametelConfigError, register, type Frametel } from '../../../src/index.js';
import { PreactSignalsInstrumentation } from '../../../src/instrumentations/signals/index.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
const nextTask = () => new Promise((r) => setTimeout(r, 5));

let ft: Frametel | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await ft?.shutdown();
  ft = undefined;
});

function setup(budgets: Record<string, number> = {}) {
  const buffer = new SpanRingBuffer();
  const inst = new PreactSignalsInstrumentation({ signals });
  ft = register({
    serviceName: 'replay',
    endpoint: false,
    spanProcessors: [buffer],
    instrumentations: [inst],
    budgets,
  });
  return { buffer, handle: ft };
}

function makeTable() {
  const features = tableFeatures({
    coreReactivityFeature: storeReactivityBindings(),
    rowSortingFeature,
    rowPaginationFeature,
    sortedRowModel: createSortedRowModel(),
    sortFns: { basic: sortFn_basic },
  } as never);
  const data = Array.from({ length: 50 }, (_, i) => ({ id: i, total: (i * 37) % 11 }));
  return constructTable({
    features,
    columns: [
      { accessorKey: 'id', header: 'Id' },
      { accessorKey: 'total', header: 'Total', sortFn: 'basic' },
    ],
    data,
  } as never) as unknown as {
    store: { state: { sorting: unknown; pagination: unknown }; subscribe(fn: (s: unknown) => void): () => void };
    setSorting(s: unknown): void;
    setPagination(p: unknown): void;
    getRowModel(): { rows: Array<{ original: { id: number } }> };
  };
}

describe('recordSession → Recording', () => {
  it('records signal writes and table state changes in order, grouped by task, and survives JSON.stringify/parse', async () => {
    const { handle } = setup();
    const filter = signals.signal('', { name: 'grid.filter' });
    const sort = signals.signal<{ id: string; desc: boolean } | null>(null, { name: 'grid.sort' });
    const table = makeTable();
    const rec = recordSession(handle, { signals: [filter, sort], tables: { orders: table } });
    filter.value = 'cust';
    await nextTask();
    signals.batch(() => {
      sort.value = { id: 'total', desc: true };
      filter.value = 'customer';
    });
    await nextTask();
    table.setSorting([{ id: 'total', desc: false }]);
    await nextTask();
    const recording = rec.stop();
    expect(recording).toMatchObject({ schema: 'frametel.recording', version: RECORDING_VERSION });
    const [first, batched, tableGroup] = recording.groups.map((g) => g.steps);
    expect(recording.groups).toHaveLength(3);
    expect(first).toEqual([{ kind: 'signal', name: 'grid.filter', value: { json: 'cust' } }]);
    // One batch is one group (in the order the library notified, which is not the write order).
    expect(batched).toHaveLength(2);
    expect(batched).toEqual(
      expect.arrayContaining([
        { kind: 'signal', name: 'grid.sort', value: { json: { id: 'total', desc: true } } },
        { kind: 'signal', name: 'grid.filter', value: { json: 'customer' } },
      ]),
    );
    expect(tableGroup).toEqual([
      { kind: 'table', name: 'orders', slice: 'sorting', value: { json: [{ id: 'total', desc: false }] } },
    ]);
    expect(recording.groups[0]!.operations).toEqual([
      expect.objectContaining({ operation: 'signal.update', subject: 'grid.filter', exceeded: false }),
    ]);
    // The batch's writes ended before the library notified: still this group's, by task.
    expect(recording.groups[1]!.operations.map((o) => o.subject).sort()).toEqual(['grid.filter', 'grid.sort']);
    expect(recording.groups[1]!.atMs).toBeGreaterThan(recording.groups[0]!.atMs);
    const copy = JSON.parse(JSON.stringify(recording)) as Recording;
    expect(copy).toEqual(recording);
    expect(parseRecording(copy)).toBe(copy);
    expect(parseRecording(JSON.stringify(recording))).toEqual(recording);
    expect(rec.stop()).toBe(recording); // stop twice: the same recording
    filter.value = 'after stop';
    expect(recording.groups).toHaveLength(3);
  });

  it('keeps a value that is not plain data or too large as the reason, not the value', async () => {
    const { handle } = setup();
    const fn = signals.signal<unknown>(0, { name: 'fn' });
    const rec = recordSession(handle, { signals: { fn }, maxValueBytes: 32, interactions: false });
    fn.value = () => 1;
    fn.value = new Map([[1, 2]]);
    fn.value = 'x'.repeat(100);
    const steps = rec.stop().groups.flatMap((g) => g.steps);
    expect(steps.map((s) => (s as { value: unknown }).value)).toEqual([
      { unreplayable: 'Function' },
      { unreplayable: 'Map' },
      { unreplayable: 'string of 102 bytes (max 32)' },
    ]);
  });

  it('bad options are one FrametelConfigError naming the option', () => {
    const { handle } = setup();
    expect(() => recordSession(handle, {})).toThrow(/^recordSession options: expected at least one signal or table/);
    expect(() => recordSession(handle, { signals: [{ value: 1 }] as never })).toThrow(
      'recordSession options.signals[0]: expected a Preact signal (with value and subscribe), got an object',
    );
    expect(() => recordSession(handle, { signals: [signals.signal(1)] })).toThrow(
      'recordSession options.signals[0].name: expected a name',
    );
    expect(() => recordSession(handle, { tables: { t: {} } as never })).toThrow(FrametelConfigError);
    expect(() => recordSession(handle, { signals: { a: signals.signal(1) }, maxSteps: 0 })).toThrow(
      'recordSession options.maxSteps',
    );
    expect(() => recordSession(handle, { signal: [] } as never)).toThrow('did you mean signals?');
  });
});

describe('parseRecording: schema and version are checked before anything is replayed', () => {
  const good: Recording = {
    schema: 'frametel.recording',
    version: 1,
    startedAt: '2026-12-02T15:00:00.000Z',
    durationMs: 10,
    groups: [],
  };
  it.each([
    [null, /^recording: expected a frametel Recording/],
    ['{not json', /^recording: expected a frametel Recording .* or its JSON text, got "\{not json"/],
    [{ ...good, schema: 'redux' }, `recording.schema: expected 'frametel.recording', got "redux"`],
    [{ ...good, version: 2 }, 'recording.version: expected 1 (this build of frametel), got 2'],
    [{ ...good, groups: {} }, 'recording.groups: expected an array of step groups, got an object'],
    [{ ...good, groups: [{ atMs: 'soon', steps: [] }] }, 'recording.groups[0].atMs: expected a number'],
  ])('%j', async (input, message) => {
    expect(() => parseRecording(input)).toThrow(FrametelConfigError);
    expect(() => parseRecording(input)).toThrow(message);
    await expect(replaySession(input, { signals: {} })).rejects.toThrow(message);
  });
});

describe('replaySession', () => {
  it('re-applies writes by name, reports unknown names, malformed steps and failing values per step, and goes on', async () => {
    const { handle } = setup();
    const count = signals.signal(0, { name: 'count' });
    const doubled = signals.computed(() => count.value * 2, { name: 'doubled' });
    const table = makeTable();
    const recording = {
      schema: 'frametel.recording',
      version: 1,
      startedAt: new Date().toISOString(),
      durationMs: 5,
      groups: [
        { atMs: 0, operations: [], steps: [{ kind: 'signal', name: 'gone', value: { json: 1 } }] },
        { atMs: 1, operations: [], steps: [{ kind: 'signal', name: 'count', value: { json: 5 } }] },
        { atMs: 2, operations: [], steps: [{ kind: 'signal', name: 'doubled', value: { json: 3 } }] },
        { atMs: 3, operations: [], steps: [{ kind: 'signal', name: 'count', value: { unreplayable: 'Function' } }] },
        {
          atMs: 4,
          operations: [],
          steps: [
            { kind: 'teleport', name: 'x' },
            { kind: 'table', name: 'orders' },
          ],
        },
        {
          atMs: 5,
          operations: [],
          steps: [
            { kind: 'interaction', type: 'click', target: 'th[data-testid=sort-total]' },
            { kind: 'table', name: 'orders', slice: 'sorting', value: { json: [{ id: 'total', desc: true }] } },
          ],
        },
      ],
    };
    const report = await replaySession(recording, {
      ft: handle,
      signals: { count, doubled },
      tables: { orders: table },
      speed: Number.POSITIVE_INFINITY,
      settleMs: 5,
    });
    expect(report.groups.map((g) => g.steps.map((s) => s.status))).toEqual([
      ['unknown-name'],
      ['applied'],
      ['failed'],
      ['not-replayable'],
      ['invalid', 'invalid'],
      ['interaction', 'applied'],
    ]);
    expect(report.groups[0]!.steps[0]!.detail).toBe('no signal named "gone"');
    expect(report.groups[2]!.steps[0]!.detail).toMatch(/^TypeError: /); // a computed has no setter
    expect(report.groups[4]!.steps.map((s) => s.detail)).toEqual([
      'unknown step kind "teleport"',
      'unknown table state undefined; expected one of sorting, columnFilters, globalFilter, pagination, rowSelection, grouping, expanded',
    ]);
    expect(count.value).toBe(5);
    expect(table.store.state.sorting).toEqual([{ id: 'total', desc: true }]);
    expect(report.summary).toMatchObject({ applied: 2, problems: 5 });
    expect(report.groups[1]!.replayed).toEqual([
      expect.objectContaining({ operation: 'signal.update', subject: 'count' }),
    ]);
  });

  it('re-measures: an operation over budget when recorded is within it after the fix', async () => {
    const { handle } = setup({ 'table.sort': 20 });
    const sortBy = signals.signal('', { name: 'grid.sort' });
    let slow = true;
    const stop = signals.effect(() => {
      const by = sortBy.value;
      if (by) handle.track('table.sort', () => busy(slow ? 40 : 0.1), { 'ui.table.name': 'orders' });
    });
    cleanups.push(stop);
    const rec = recordSession(handle, { signals: [sortBy] });
    sortBy.value = 'total';
    await nextTask();
    const recording = JSON.parse(JSON.stringify(rec.stop())) as Recording;
    expect(recording.groups[0]!.operations).toEqual(
      expect.arrayContaining([expect.objectContaining({ operation: 'table.sort', subject: 'orders', exceeded: true })]),
    );
    sortBy.value = '';
    slow = false; // the fix: the slow comparator is switched off
    const report = await replaySession(recording, { ft: handle, signals: [sortBy], speed: 10, settleMs: 5 });
    const sort = report.groups[0]!.comparison.find((c) => c.operation === 'table.sort')!;
    expect(sort).toMatchObject({
      subject: 'orders',
      budgetMs: 20,
      recordedExceeded: true,
      replayedExceeded: false,
      verdict: 'fixed',
    });
    expect(sort.recordedMs!).toBeGreaterThan(20);
    expect(sort.replayedMs!).toBeLessThan(20);
    expect(report.summary.fixed).toBe(1);
    expect(report.summary.regressed).toBe(0);
  });

  it('replays a group through batch(), so its writes propagate once', async () => {
    const { handle } = setup();
    const a = signals.signal(0, { name: 'a' });
    const b = signals.signal(0, { name: 'b' });
    const seen: string[] = [];
    cleanups.push(signals.effect(() => void seen.push(`${a.value}/${b.value}`)));
    const recording: Recording = {
      schema: 'frametel.recording',
      version: 1,
      startedAt: new Date().toISOString(),
      durationMs: 1,
      groups: [
        {
          atMs: 0,
          operations: [],
          steps: [
            { kind: 'signal', name: 'a', value: { json: 1 } },
            { kind: 'signal', name: 'b', value: { json: 2 } },
          ],
        },
      ],
    };
    await replaySession(recording, { ft: handle, signals: { a, b }, batch: signals.batch, settleMs: 1 });
    expect(seen).toEqual(['0/0', '1/2']);
  });
});
