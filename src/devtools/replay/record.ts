import { diag, trace } from '@opentelemetry/api';
import { checkNumber, checkObject, fail } from '../../config/checks.js';
import { invalid } from '../../config/errors.js';
import type { Frametel } from '../../handle.js';
import { findSpanBuffer } from '../spans/find.js';
import type { SpanBufferSource } from '../spans/types.js';
import { epochNow, toOperation } from './operations.js';
import {
  RECORDING_SCHEMA,
  RECORDING_VERSION,
  type RecordedGroup,
  type RecordedOperation,
  type RecordedStep,
  type Recording,
  type TableSlice,
} from './schema.js';
import { resolveTargets, watchTable, type Targets } from './targets.js';
import { recordValue } from './values.js';

/** Defaults of recording, in one place. */
export const RECORD_DEFAULTS = {
  /** Largest value kept per step (JSON characters); larger ones are recorded as not replayable. */
  maxValueBytes: 64 * 1024,
  /** Steps kept; past it the recording stops growing and counts what it dropped. */
  maxSteps: 10_000,
  /** DOM events recorded as interactions (type and target only). */
  interactions: ['click', 'input', 'change', 'submit'],
} as const;

/** Operation spans kept while recording (about 200 bytes each). */
const MAX_ENDED_SPANS = 100_000;

export interface RecordOptions extends Targets {
  /** Largest value kept per step, in JSON characters. Default 65536. */
  maxValueBytes?: number;
  /** Steps kept. Default 10000. */
  maxSteps?: number;
  /** Record interactions (type and target element, no text) around the changes. Default true. */
  interactions?: boolean;
  /** Where the operations of each step are read. Default: the SpanRingBuffer among ft.spanProcessors. */
  spans?: SpanBufferSource;
}

export interface SessionRecorder {
  /** Steps recorded so far. */
  readonly steps: number;
  /** Steps not kept (maxSteps reached). */
  readonly dropped: number;
  /** Stops recording and returns the Recording (plain JSON). A second call returns the same one. */
  stop(): Recording;
}

/** 'button#save', 'th[data-testid=sort-total]', 'input[name=q]': what an element is, never what it says. */
export function describeTarget(target: EventTarget | null): string {
  const e = target as Element | null;
  if (!e || typeof e.tagName !== 'string') return 'unknown';
  const tag = e.tagName.toLowerCase();
  const id = e.getAttribute('id');
  if (id) return `${tag}#${id}`;
  for (const attr of ['data-testid', 'name', 'type', 'role']) {
    const v = e.getAttribute(attr);
    if (v) return `${tag}[${attr}=${v}]`;
  }
  return tag;
}

/**
 * Records user-level state changes in order, with their timing: writes to the named `signals`
 * (by name), changes of the named `tables`' state (sorting, filters, pagination, selection, …)
 * and the interactions around them (type and target, no text), until `stop()` returns a
 * versioned, JSON-serialisable Recording. Changes made in one task (one event handler) form one
 * group, replayed together; each group keeps the frametel operations that ended while it was the
 * latest (from the span buffer), with durations and budget outcomes. A development tool: it
 * subscribes to what it is given and to document events, and nothing else; nothing is sent anywhere.
 * Bad options throw one FrametelConfigError.
 */
export function recordSession(ft: Frametel, options: RecordOptions = {}): SessionRecorder {
  const o = checkObject('recordSession options', options ?? {}, [
    'signals',
    'tables',
    'maxValueBytes',
    'maxSteps',
    'interactions',
    'spans',
  ]);
  const { signals, tables } = resolveTargets('recordSession', o);
  if (signals.size === 0 && tables.size === 0)
    fail(invalid('recordSession options', 'at least one signal or table to record', options));
  const maxValueBytes =
    o.maxValueBytes === undefined
      ? RECORD_DEFAULTS.maxValueBytes
      : checkNumber('recordSession options.maxValueBytes', o.maxValueBytes, 16, 1e8, 'an integer ≥ 16', true);
  const maxSteps =
    o.maxSteps === undefined
      ? RECORD_DEFAULTS.maxSteps
      : checkNumber('recordSession options.maxSteps', o.maxSteps, 1, 1e7, 'an integer ≥ 1', true);
  const spans = (o.spans as SpanBufferSource | undefined) ?? findSpanBuffer(ft);

  const started = epochNow();
  type OpenGroup = RecordedGroup & { startEpoch: number; traces: Set<string>; task: number };
  const groups: OpenGroup[] = [];
  let open: OpenGroup | undefined;
  /** Operation spans that ended while recording, matched to groups at stop(). */
  const ended: Array<{ traceId: string; end: number; task: number; op: RecordedOperation }> = [];
  let steps = 0;
  let dropped = 0;
  let result: Recording | undefined;

  /**
   * An id of the current task (one event handler, one timer callback), valid until the next
   * macrotask: a group is what one task changed, and spans that end in that task belong to it.
   */
  let task: number | undefined;
  let tasks = 0;
  const taskNow = () => {
    if (task === undefined) {
      task = ++tasks;
      setTimeout(() => {
        task = undefined;
      }, 0);
    }
    return task;
  };
  const groupNow = () => {
    const t = taskNow();
    if (open?.task === t) return open;
    const at = epochNow();
    open = { atMs: at - started, startEpoch: at, steps: [], operations: [], traces: new Set(), task: t };
    groups.push(open);
    return open;
  };
  const add = (step: RecordedStep) => {
    if (result) return;
    if (steps >= maxSteps) {
      dropped++;
      return;
    }
    steps++;
    const group = groupNow();
    group.steps.push(step);
    // The write's span is active while the library notifies: its trace holds what the change caused.
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    if (traceId) group.traces.add(traceId);
  };

  const undo: Array<() => void> = [];
  for (const [name, signal] of signals) {
    let first = true; // subscribe() calls back at once with the current value: not a change
    undo.push(
      signal.subscribe((value) => {
        if (first) {
          first = false;
          return;
        }
        add({ kind: 'signal', name, value: recordValue(value, maxValueBytes) });
      }),
    );
  }
  for (const [name, table] of tables)
    undo.push(
      watchTable(table, (slice: TableSlice, value) =>
        add({ kind: 'table', name, slice, value: recordValue(value, maxValueBytes) }),
      ),
    );
  if (o.interactions !== false && typeof document === 'object') {
    const onEvent = (e: Event) => {
      const path = typeof e.composedPath === 'function' ? e.composedPath() : [];
      if (path.some((n) => (n as Element).hasAttribute?.('data-frametel-overlay'))) return; // the overlay's own buttons
      // An interaction only opens a group: it is kept with the changes it leads to.
      if (steps < maxSteps && !result) {
        steps++;
        groupNow().steps.push({ kind: 'interaction', type: e.type, target: describeTarget(e.target) });
      }
    };
    for (const type of RECORD_DEFAULTS.interactions) document.addEventListener(type, onEvent, true);
    undo.push(() => {
      for (const type of RECORD_DEFAULTS.interactions) document.removeEventListener(type, onEvent, true);
    });
  }
  if (spans?.subscribe)
    undo.push(
      spans.subscribe((span) => {
        const op = toOperation(span);
        if (op && ended.length < MAX_ENDED_SPANS)
          ended.push({ traceId: span.traceId, end: span.startMs + span.durationMs, task: taskNow(), op });
      }),
    );

  /**
   * A group's operations: the spans that ended in its task (a batch's writes end before the
   * library notifies), the spans of the traces its changes were made in (renders they caused,
   * later), else those that ended while it was the latest group.
   */
  const assignOperations = () => {
    for (const e of ended) {
      let group = groups.find((g) => g.task === e.task) ?? groups.find((g) => g.traces.has(e.traceId));
      if (!group)
        for (let i = groups.length - 1; i >= 0 && !group; i--) if (groups[i]!.startEpoch <= e.end) group = groups[i];
      group?.operations.push(e.op);
    }
  };

  return {
    get steps() {
      return steps;
    },
    get dropped() {
      return dropped;
    },
    stop() {
      if (result) return result;
      for (const u of undo) {
        try {
          u();
        } catch (error) {
          diag.debug('frametel recordSession: could not unsubscribe', error);
        }
      }
      assignOperations();
      result = {
        schema: RECORDING_SCHEMA,
        version: RECORDING_VERSION,
        startedAt: new Date(started).toISOString(),
        durationMs: epochNow() - started,
        // Interaction-only groups (a click that changed nothing recorded) are kept: they show what the user did.
        groups: groups.map(({ atMs, steps, operations }) => ({ atMs, steps, operations })),
      };
      return result;
    },
  };
}
