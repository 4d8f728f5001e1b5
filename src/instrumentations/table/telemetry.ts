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
import { tableSink } from './instrumentation.js';

type RowModel = { rows: unknown[] };
type Table = Record<string, unknown> & { options: Record<string, unknown>; _rowModels: Record<string, unknown> };

/** Row-model slots of TanStack Table v9 (`table._rowModels`), the stage each times, and its input getter. */
export const STAGES = [
  { slot: 'coreRowModel', operation: OP_TABLE_ROW_MODEL, upstream: undefined },
  { slot: 'filteredRowModel', operation: OP_TABLE_FILTER, upstream: 'getPreFilteredRowModel' },
  { slot: 'groupedRowModel', operation: OP_TABLE_GROUP, upstream: 'getPreGroupedRowModel' },
  { slot: 'sortedRowModel', operation: OP_TABLE_SORT, upstream: 'getPreSortedRowModel' },
  { slot: 'expandedRowModel', operation: OP_TABLE_EXPAND, upstream: 'getPreExpandedRowModel' },
  { slot: 'paginatedRowModel', operation: OP_TABLE_PAGINATE, upstream: 'getPrePaginatedRowModel' },
] as const;

/** State slices whose change handler (`on<Slice>Change`) opens a span. */
export const SLICES = ['sorting', 'columnFilters', 'globalFilter', 'pagination', 'rowSelection', 'grouping', 'expanded'] as const;
const WRAPPED = Symbol('frametel.table.wrapped');

const now = () => performance.now();
const epochOf = (t: number) => performance.timeOrigin + t;

/**
 * Telemetry of one table: times real row-model recomputations (a memo hit returns the previous
 * row model object and records nothing) and turns state changes into `table.state_change` spans
 * that parent the recomputations they trigger.
 */
export class TableTelemetry {
  private pending: { span: Span; ctx: Context; timer: ReturnType<typeof setTimeout> } | undefined;
  private depth = 0;
  private wrappedOptions: object | undefined;

  constructor(
    private readonly table: Table,
    private readonly name: string,
  ) {}

  /** Intercepts the row-model slots: TanStack fills them lazily with memoized functions. */
  installRowModelHooks(): void {
    const slots = this.table._rowModels;
    for (const stage of STAGES) {
      let wrapped: (() => RowModel) | undefined;
      Object.defineProperty(slots, stage.slot, {
        configurable: true,
        enumerable: true,
        get: () => wrapped,
        set: (fn: unknown) => {
          wrapped = typeof fn === 'function' ? this.wrapStage(stage, fn as () => RowModel) : (fn as undefined);
        },
      });
    }
  }

  private wrapStage(stage: (typeof STAGES)[number], original: () => RowModel): () => RowModel {
    let last: RowModel | undefined;
    return () => {
      const sink = tableSink();
      if (!sink.enabled) return (last = original());
      this.wrapStateHandlers();
      // depth spans the whole chain (inputs first): the state change ends when the outermost
      // recomputation it triggered has finished.
      this.depth++;
      let result: RowModel;
      try {
        // Bring the input up to date first (its own span), so this span times this stage only.
        const input = stage.upstream ? (this.table[stage.upstream] as () => RowModel)() : undefined;
        const parent = this.pending?.ctx ?? context.active();
        const started = now();
        result = context.with(parent, original);
        const ended = now();
        if (result !== last) {
          last = result;
          const rowsIn = input ? input.rows.length : ((this.table.options.data as unknown[] | undefined)?.length ?? 0);
          this.record(stage.operation, started, ended, parent, { [ATTR_UI_TABLE_ROWS_IN]: rowsIn, [ATTR_UI_TABLE_ROWS_OUT]: result.rows.length });
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
      sink.histogram?.record((ended - started) / 1000, { [ATTR_UI_TABLE_NAME]: this.name, [ATTR_UI_OPERATION]: operation });
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
      const wrapped = Object.assign((updater: unknown) => this.stateChange(slice, () => handler(updater)), { [WRAPPED]: true as const });
      try {
        options[key] = wrapped;
      } catch {
        // frozen options: state changes stay untraced, recomputations are still timed
      }
    }
  }

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
        sink.histogram?.record((now() - started) / 1000, { [ATTR_UI_TABLE_NAME]: this.name, [ATTR_UI_OPERATION]: operation });
      }
    }
    const timer = setTimeout(() => this.endStateChange(false), sink.stateChangeTimeoutMs);
    (timer as { unref?: () => void }).unref?.();
    this.pending = { span, ctx, timer };
    (span as unknown as { __started: number }).__started = started;
    return context.with(ctx, apply);
  }

  private endStateChange(recomputed: boolean): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.span.setAttribute(ATTR_UI_TABLE_RECOMPUTED, recomputed);
    pending.span.end();
    const started = (pending.span as unknown as { __started: number }).__started;
    tableSink().histogram?.record((now() - started) / 1000, { [ATTR_UI_TABLE_NAME]: this.name, [ATTR_UI_OPERATION]: OP_TABLE_STATE_CHANGE });
  }
}
