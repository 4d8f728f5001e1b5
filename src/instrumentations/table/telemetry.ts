import { context, diag, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { noteCause } from '../../context/causal.js';
import {
  ATTR_UI_OPERATION,
  ATTR_UI_TABLE_NAME,
  ATTR_UI_TABLE_RECOMPUTED,
  ATTR_UI_TABLE_ROWS_IN,
  ATTR_UI_TABLE_ROWS_OUT,
  ATTR_UI_TABLE_STATE,
  OP_TABLE_EXPAND,
  OP_TABLE_FILTER,
  OP_TABLE_GROUP,
  OP_TABLE_PAGINATE,
  OP_TABLE_ROW_MODEL,
  OP_TABLE_SELECT,
  OP_TABLE_SORT,
  OP_TABLE_STATE_CHANGE,
} from '../../semconv.js';
import { tableSink } from './sink.js';
import { DepartureTracker } from './leaks.js';

type RowModel = { rows: unknown[] };
type Table = Record<string, unknown> & { options: Record<string, unknown> };

/** A row-model stage: where TanStack keeps its memoized function and what it times (in pipeline order). */
export interface Stage {
  readonly slot: string;
  readonly operation: string;
}

/** TanStack Table v9: memoized row models live in `table._rowModels.<slot>`. */
export const V9_STAGES: readonly Stage[] = [
  { slot: 'coreRowModel', operation: OP_TABLE_ROW_MODEL },
  { slot: 'filteredRowModel', operation: OP_TABLE_FILTER },
  { slot: 'groupedRowModel', operation: OP_TABLE_GROUP },
  { slot: 'sortedRowModel', operation: OP_TABLE_SORT },
  { slot: 'expandedRowModel', operation: OP_TABLE_EXPAND },
  { slot: 'paginatedRowModel', operation: OP_TABLE_PAGINATE },
];

/** TanStack Table v8: memoized row models live on the table as `_get<Stage>RowModel`. */
export const V8_STAGES: readonly Stage[] = [
  { slot: '_getCoreRowModel', operation: OP_TABLE_ROW_MODEL },
  { slot: '_getFilteredRowModel', operation: OP_TABLE_FILTER },
  { slot: '_getGroupedRowModel', operation: OP_TABLE_GROUP },
  { slot: '_getSortedRowModel', operation: OP_TABLE_SORT },
  { slot: '_getExpandedRowModel', operation: OP_TABLE_EXPAND },
  { slot: '_getPaginationRowModel', operation: OP_TABLE_PAGINATE },
];

/**
 * One running stage: the nearest upstream stage that ran inside it (the library's memo pulls its
 * input itself) reports its row model and end time here.
 */
interface StageFrame {
  readonly index: number;
  input: RowModel | undefined;
  inputIndex: number;
  inputEnded: number | undefined;
}

/** State slices whose change handler (`on<Slice>Change`) opens a span. */
export const SLICES = [
  'sorting',
  'columnFilters',
  'globalFilter',
  'pagination',
  'rowSelection',
  'grouping',
  'expanded',
] as const;
const WRAPPED = Symbol('frametel.table.wrapped');

const now = () => performance.now();
/** Every live table telemetry, for the leak gauges (WeakRefs: a dropped table is forgotten). */
const LIVE = new Set<WeakRef<TableTelemetry>>();

export function liveTelemetries(): TableTelemetry[] {
  const out: TableTelemetry[] = [];
  for (const ref of LIVE) {
    const t = ref.deref();
    if (t === undefined) LIVE.delete(ref);
    else out.push(t);
  }
  return out;
}
const epochOf = (t: number) => performance.timeOrigin + t;

/**
 * Telemetry of one table: times real row-model recomputations (a memo hit returns the previous
 * row model object and records nothing) and turns state changes into `table.state_change` spans
 * that parent the recomputations they trigger.
 */
export class TableTelemetry {
  // `started` travels with the span here rather than as an expando property on the SDK's span.
  private pending: { span: Span; ctx: Context; timer: ReturnType<typeof setTimeout>; started: number } | undefined;
  /** Rows that left the model, watched until they are collected (ui.table.rows.leaked). */
  readonly rowLeaks = new DepartureTracker();
  /** Columns of a replaced column set, likewise (ui.table.columns.leaked). */
  readonly columnLeaks = new DepartureTracker();
  private lastColumns: unknown[] | undefined;
  private wrappedHandlers: Array<[key: string, original: unknown]> = [];
  private depth = 0;
  /** Stage recomputations in progress (outermost first), each collecting the input it pulled. */
  private readonly frames: StageFrame[] = [];
  private wrappedOptions: object | undefined;

  constructor(
    private readonly table: Table,
    private readonly name: string,
  ) {
    LIVE.add(new WeakRef(this));
  }

  /**
   * Intercepts the row-model slots on `holder` (TanStack fills them lazily with memoized
   * functions; a slot already filled is wrapped at once). Returns an undo function.
   */
  installRowModelHooks(holder: Record<string, unknown>, stages: readonly Stage[]): () => void {
    const undo: Array<() => void> = [];
    for (const [index, stage] of stages.entries()) {
      const previous = Object.getOwnPropertyDescriptor(holder, stage.slot);
      let original: unknown = previous?.value;
      let wrapped: (() => RowModel) | undefined =
        typeof original === 'function' ? this.wrapStage(stage, index, original as () => RowModel) : undefined;
      // An empty slot stays out of enumeration (as the library leaves it) until the library fills it.
      const slot: PropertyDescriptor = {
        configurable: true,
        enumerable: previous?.enumerable ?? false,
        get: () => wrapped,
        set: (fn: unknown) => {
          original = fn;
          wrapped = typeof fn === 'function' ? this.wrapStage(stage, index, fn as () => RowModel) : (fn as undefined);
          if (!slot.enumerable) Object.defineProperty(holder, stage.slot, { ...slot, enumerable: true });
        },
      };
      Object.defineProperty(holder, stage.slot, slot);
      undo.push(() => {
        if (previous || original !== undefined)
          Object.defineProperty(holder, stage.slot, {
            value: original,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        else delete holder[stage.slot];
      });
    }
    return () => {
      for (const u of undo) u();
    };
  }

  private wrapStage(stage: Stage, index: number, original: () => RowModel): () => RowModel {
    let last: RowModel | undefined;
    return () => {
      const sink = tableSink();
      if (!sink.enabled) return (last = original());
      this.wrapStateHandlers();
      // depth spans the whole chain (inputs first): the state change ends when the outermost
      // recomputation it triggered has finished.
      this.depth++;
      const caller = this.frames.at(-1);
      const frame: StageFrame = { index, input: undefined, inputIndex: -1, inputEnded: undefined };
      let result: RowModel;
      try {
        const parent = this.pending?.ctx ?? context.active();
        const started = now();
        // The library's own memo runs first and pulls its input itself (through the wrapped
        // upstream slot, which reports to `frame`): the evaluation order stays the library's.
        this.frames.push(frame);
        try {
          result = context.with(parent, original);
        } finally {
          this.frames.pop();
        }
        const ended = now();
        if (caller !== undefined && index < caller.index && index > caller.inputIndex) {
          caller.input = result;
          caller.inputIndex = index;
          caller.inputEnded = ended;
        }
        if (result !== last) {
          if (stage.operation === OP_TABLE_ROW_MODEL) this.trackDepartures(last, result);
          last = result;
          const rowsIn = frame.input?.rows.length ?? (this.table.options.data as unknown[] | undefined)?.length ?? 0;
          // The input was computed inside the memo, first: this span starts where it ended, so it
          // times this stage only (the input has its own span).
          this.record(stage.operation, frame.inputEnded ?? started, ended, parent, {
            [ATTR_UI_TABLE_ROWS_IN]: rowsIn,
            [ATTR_UI_TABLE_ROWS_OUT]: result.rows.length,
          });
        }
      } finally {
        this.depth--;
      }
      if (this.depth === 0 && this.pending) this.endStateChange(true);
      return result;
    };
  }

  private record(operation: string, started: number, ended: number, parent: Context, extra: Attributes): void {
    try {
      const sink = tableSink();
      const attributes = { [ATTR_UI_OPERATION]: operation, [ATTR_UI_TABLE_NAME]: this.name, ...extra };
      const span = sink.tracer.startSpan(operation, { startTime: epochOf(started), attributes }, parent);
      span.end(epochOf(ended));
      sink.histogram?.record((ended - started) / 1000, {
        [ATTR_UI_TABLE_NAME]: this.name,
        [ATTR_UI_OPERATION]: operation,
      });
    } catch (error) {
      diag.error('frametel table: could not record a span', error);
    }
  }

  /**
   * Wraps the table's `on<Slice>Change` handlers: every state change (table.setSorting(),
   * column.toggleSorting(), …) goes through them. Re-applied when the options object is replaced.
   */
  wrapStateHandlers(): void {
    const options = this.table.options;
    if (options === this.wrappedOptions) return;
    this.wrappedOptions = options;
    for (const slice of SLICES) {
      const key = `on${slice[0]!.toUpperCase()}${slice.slice(1)}Change`;
      const handler = options[key] as ((updater: unknown) => unknown) & { [WRAPPED]?: true };
      if (typeof handler !== 'function' || handler[WRAPPED]) continue;
      const wrapped = Object.assign((updater: unknown) => this.stateChange(slice, () => handler(updater)), {
        [WRAPPED]: true as const,
      });
      try {
        options[key] = wrapped;
        this.wrappedHandlers.push([key, handler]);
      } catch {
        // frozen options: state changes stay untraced, recomputations are still timed
      }
    }
  }

  private trackDepartures(previous: RowModel | undefined, next: RowModel): void {
    const all = (m: RowModel | undefined) => (m as { flatRows?: unknown[] } | undefined)?.flatRows ?? m?.rows;
    this.rowLeaks.replaced(all(previous), all(next) ?? []);
    const getColumns = this.table.getAllFlatColumns as (() => unknown[]) | undefined;
    const columns = typeof getColumns === 'function' ? getColumns() : undefined;
    if (columns && columns !== this.lastColumns) {
      this.columnLeaks.replaced(this.lastColumns, columns);
      this.lastColumns = columns;
    }
  }

  /** Puts back the state handlers this telemetry wrapped on the current options. */
  restoreStateHandlers(): void {
    const options = this.table.options;
    for (const [key, original] of this.wrappedHandlers)
      if ((options[key] as { [WRAPPED]?: true } | undefined)?.[WRAPPED]) options[key] = original;
    this.wrappedHandlers = [];
    this.wrappedOptions = undefined;
  }

  readonly tableName = (): string => this.name;

  private stateChange<T>(slice: string, apply: () => T): T {
    const sink = tableSink();
    if (!sink.enabled) return apply();
    const selection = slice === 'rowSelection';
    const operation = selection ? OP_TABLE_SELECT : OP_TABLE_STATE_CHANGE;
    if (this.pending) this.endStateChange(false);
    const started = now();
    const span = sink.tracer.startSpan(operation, {
      startTime: epochOf(started),
      attributes: { [ATTR_UI_OPERATION]: operation, [ATTR_UI_TABLE_NAME]: this.name, [ATTR_UI_TABLE_STATE]: slice },
    });
    const ctx = trace.setSpan(context.active(), span);
    noteCause(ctx);
    if (selection) {
      // Selection recomputes no row model: the span is the state update itself.
      try {
        return context.with(ctx, apply);
      } finally {
        span.end();
        sink.histogram?.record((now() - started) / 1000, {
          [ATTR_UI_TABLE_NAME]: this.name,
          [ATTR_UI_OPERATION]: operation,
        });
      }
    }
    const timer = setTimeout(() => this.endStateChange(false), sink.stateChangeTimeoutMs);
    (timer as { unref?: () => void }).unref?.();
    this.pending = { span, ctx, timer, started };
    return context.with(ctx, apply);
  }

  private endStateChange(recomputed: boolean): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.span.setAttribute(ATTR_UI_TABLE_RECOMPUTED, recomputed);
    pending.span.end();
    tableSink().histogram?.record((now() - pending.started) / 1000, {
      [ATTR_UI_TABLE_NAME]: this.name,
      [ATTR_UI_OPERATION]: OP_TABLE_STATE_CHANGE,
    });
  }
}
