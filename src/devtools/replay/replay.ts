import { checkNumber, checkObject, fail } from '../../config/checks.js';
import { invalid } from '../../config/errors.js';
import type { Frametel } from '../../handle.js';
import { errorText } from '../dom.js';
import { findSpanBuffer } from '../spans/find.js';
import type { SpanBufferSource } from '../spans/types.js';
import { compareOperations, epochNow, toOperation, type OperationComparison } from './operations.js';
import { parseRecording, stepProblem, type RecordedOperation, type RecordedStep, type TableSlice } from './schema.js';
import { resolveTargets, setterOf, type Targets } from './targets.js';

/** Defaults of replay, in one place. */
export const REPLAY_DEFAULTS = {
  /** 1 = the recorded pace; Infinity = no waiting between groups. */
  speed: 1,
  /** A group's operations are complete once no span has ended for this long, ms. */
  settleMs: 60,
  /** …or at the latest after this long, ms. */
  maxSettleMs: 3000,
} as const;

export interface ReplayOptions extends Targets {
  /** Pace relative to the recording (2 = twice as fast; Infinity = back to back). Default 1. */
  speed?: number;
  /** Wraps each group's changes, e.g. Preact's `batch`, so they propagate once. Default: applied one by one. */
  batch?: (fn: () => void) => void;
  /** Where the caused operations are read. Default: the span buffer among `ft.spanProcessors`. */
  spans?: SpanBufferSource;
  /** The handle whose span buffer is read (when `spans` is not given). */
  ft?: Frametel;
  /** Quiet time that ends a group's measurement, ms. Default 60. */
  settleMs?: number;
  /** Longest measurement of one group, ms. Default 3000. */
  maxSettleMs?: number;
}

/** What happened to one recorded step. */
export interface ReplayedStep {
  kind: RecordedStep['kind'] | 'invalid';
  name?: string;
  slice?: TableSlice;
  /** 'applied'; 'unknown-name': no signal/table of that name given; 'failed': the write threw; 'invalid': malformed step; 'not-replayable': the value was not recorded; 'interaction': shown, not re-applied. */
  status: 'applied' | 'unknown-name' | 'failed' | 'invalid' | 'not-replayable' | 'interaction';
  /** Why it was not applied. */
  detail?: string;
}

/** One replayed group: its steps, the operations they caused now and when recorded, compared. */
export interface ReplayedGroup {
  index: number;
  atMs: number;
  steps: ReplayedStep[];
  recorded: RecordedOperation[];
  replayed: RecordedOperation[];
  comparison: OperationComparison[];
}

export interface ReplayReport {
  version: number;
  speed: number;
  /** Whether operations were measured (a span buffer was found). */
  measured: boolean;
  groups: ReplayedGroup[];
  summary: {
    applied: number;
    problems: number;
    /** Operation rows over budget when recorded and within it now. */
    fixed: number;
    /** Operation rows within budget when recorded and over it now. */
    regressed: number;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Re-applies a Recording's signal writes and table state changes to the running app, by name and
 * in order (each recorded group together, through `batch` if given), at the recorded pace divided
 * by `speed`, and returns a report: per group, the operations it caused now next to the recorded
 * ones, with durations and budget outcomes. A recording of another schema or version throws one
 * FrametelConfigError before anything is applied; after that nothing throws: unknown names,
 * malformed steps and values that fail to apply are reported on their step and replay goes on.
 */
export async function replaySession(recording: unknown, options: ReplayOptions = {}): Promise<ReplayReport> {
  const o = checkObject('replaySession options', options ?? {}, [
    'signals',
    'tables',
    'speed',
    'batch',
    'spans',
    'ft',
    'settleMs',
    'maxSettleMs',
  ]);
  const rec = parseRecording(recording);
  const { signals, tables } = resolveTargets('replaySession', o);
  const speed =
    o.speed === undefined
      ? REPLAY_DEFAULTS.speed
      : o.speed === Number.POSITIVE_INFINITY
        ? o.speed
        : checkNumber('replaySession options.speed', o.speed, 1e-3, 1e6, 'a number > 0, or Infinity');
  if (o.batch !== undefined && typeof o.batch !== 'function')
    fail(invalid('replaySession options.batch', 'a function such as batch from @preact/signals-core', o.batch));
  const settleMs =
    o.settleMs === undefined
      ? REPLAY_DEFAULTS.settleMs
      : checkNumber('replaySession options.settleMs', o.settleMs, 0, 60_000, 'a number of ms from 0 to 60000');
  const maxSettleMs =
    o.maxSettleMs === undefined
      ? REPLAY_DEFAULTS.maxSettleMs
      : checkNumber('replaySession options.maxSettleMs', o.maxSettleMs, 0, 600_000, 'a number of ms up to 600000');
  const spans =
    (o.spans as SpanBufferSource | undefined) ?? (o.ft ? findSpanBuffer(o.ft as Frametel) : undefined) ?? undefined;
  const batch = o.batch as ReplayOptions['batch'];

  const applyStep = (step: unknown): ReplayedStep => {
    const problem = stepProblem(step);
    if (problem) return { kind: 'invalid', status: 'invalid', detail: problem };
    const s = step as RecordedStep;
    if (s.kind === 'interaction') return { kind: s.kind, name: `${s.type} ${s.target}`, status: 'interaction' };
    const out: ReplayedStep = { kind: s.kind, name: s.name, status: 'applied' };
    if (s.kind === 'table') out.slice = s.slice;
    if (!('json' in s.value)) return { ...out, status: 'not-replayable', detail: s.value.unreplayable };
    const value = structuredClone(s.value.json); // the app gets its own copy, never the recording's
    try {
      if (s.kind === 'signal') {
        const target = signals.get(s.name);
        if (!target) return { ...out, status: 'unknown-name', detail: `no signal named ${JSON.stringify(s.name)}` };
        target.value = value;
      } else {
        const table = tables.get(s.name);
        if (!table) return { ...out, status: 'unknown-name', detail: `no table named ${JSON.stringify(s.name)}` };
        (table[setterOf(s.slice)] as (v: unknown) => void).call(table, value);
      }
    } catch (error) {
      return { ...out, status: 'failed', detail: errorText(error) };
    }
    return out;
  };

  const report: ReplayReport = {
    version: rec.version,
    speed,
    measured: spans?.subscribe !== undefined,
    groups: [],
    summary: { applied: 0, problems: 0, fixed: 0, regressed: 0 },
  };
  const began = epochNow();
  for (const [index, group] of rec.groups.entries()) {
    const due = began + group.atMs / speed;
    const wait = due - epochNow();
    if (Number.isFinite(wait) && wait > 0) await sleep(wait);
    const replayed: RecordedOperation[] = [];
    const from = epochNow();
    let lastSpanAt = from;
    const unsubscribe = spans?.subscribe?.((span) => {
      const op = toOperation(span);
      // Spans that started before the group was applied belong to something else.
      if (!op || span.startMs < from - 1) return;
      replayed.push(op);
      lastSpanAt = epochNow();
    });
    const steps: ReplayedStep[] = [];
    const applyAll = () => {
      for (const step of group.steps) steps.push(applyStep(step));
    };
    if (batch && group.steps.length > 1) {
      try {
        batch(applyAll);
      } catch (error) {
        // A throw from the batch's own flush (an effect): the steps above are already reported.
        if (steps.length === 0) applyAll();
        else steps.push({ kind: 'invalid', status: 'failed', detail: `batch: ${errorText(error)}` });
      }
    } else applyAll();
    if (unsubscribe) {
      await sleep(settleMs);
      while (epochNow() - lastSpanAt < settleMs && epochNow() - from < maxSettleMs) await sleep(settleMs / 2);
      unsubscribe();
    }
    const recorded = Array.isArray(group.operations) ? group.operations : [];
    const comparison = compareOperations(recorded, replayed);
    for (const s of steps)
      if (s.status === 'applied') report.summary.applied++;
      else if (s.status !== 'interaction') report.summary.problems++;
    for (const c of comparison)
      if (c.verdict === 'fixed') report.summary.fixed++;
      else if (c.verdict === 'regressed') report.summary.regressed++;
    report.groups.push({ index, atMs: group.atMs, steps, recorded, replayed, comparison });
  }
  return report;
}
