import type { Histogram } from '@opentelemetry/api';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import {
  ATTR_UI_TABLE_NAME,
  DURATION_BUCKETS_S,
  METRIC_UI_TABLE_COLUMNS_LEAKED,
  METRIC_UI_TABLE_OPERATION_DURATION,
  METRIC_UI_TABLE_ROWS_LEAKED,
} from '../../semconv.js';
import {
  activateTableSink,
  DEFAULT_STATE_CHANGE_TIMEOUT_MS,
  deactivateTableSink,
  TABLE_SCOPE,
  type TableTelemetrySink,
} from './sink.js';
import { liveTelemetries } from './telemetry.js';
import { ENABLED_RULE, MS_AT_LEAST_0, validateInstrumentationOptions } from '../../config/instrumentation-options.js';
import { VERSION } from '../../version.js';
import type { TableInstrumentationConfig } from './types.js';

const checkTableOptions = (config: TableInstrumentationConfig) =>
  validateInstrumentationOptions('TableInstrumentation', config, {
    enabled: ENABLED_RULE,
    stateChangeTimeoutMs: MS_AT_LEAST_0,
    leakGraceMs: MS_AT_LEAST_0,
  });

/**
 * Register once (`register({ instrumentations: [new TableInstrumentation()] })`): it gives the
 * tables that use `tableTelemetryFeature` (TanStack Table v9) their tracer and histogram. While
 * it is disabled (or not registered) instrumented tables run their original row-model functions
 * and produce nothing.
 */
export class TableInstrumentation extends InstrumentationBase<TableInstrumentationConfig> {
  declare histogram: Histogram | undefined;
  declare private on: boolean | undefined;

  /** Throws FrametelConfigError naming `TableInstrumentation.<option>` for a bad option. */
  constructor(config: TableInstrumentationConfig = {}) {
    super(TABLE_SCOPE, VERSION, checkTableOptions(config));
  }

  /** Validates like the constructor: a bad option throws FrametelConfigError and the current config stays. */
  override setConfig(config: TableInstrumentationConfig = {}): void {
    super.setConfig(checkTableOptions(config));
  }

  protected override init(): void {}

  get enabled(): boolean {
    return this.on === true;
  }

  get stateChangeTimeoutMs(): number {
    return this._config.stateChangeTimeoutMs ?? DEFAULT_STATE_CHANGE_TIMEOUT_MS;
  }

  protected override _updateMetricInstruments(): void {
    this.histogram = this.meter.createHistogram(METRIC_UI_TABLE_OPERATION_DURATION, {
      unit: 's',
      description: 'Duration of TanStack Table row-model recomputations and state changes',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
    const rows = this.meter.createObservableGauge(METRIC_UI_TABLE_ROWS_LEAKED, {
      unit: '{row}',
      description: 'Rows that left the model 10 s ago or more and were not garbage-collected',
    });
    const columns = this.meter.createObservableGauge(METRIC_UI_TABLE_COLUMNS_LEAKED, {
      unit: '{column}',
      description: 'Columns of a replaced column set 10 s ago or more, not garbage-collected',
    });
    rows.addCallback((r) => {
      if (this.enabled)
        for (const t of liveTelemetries())
          r.observe(t.rowLeaks.leaked(this._config.leakGraceMs), { [ATTR_UI_TABLE_NAME]: t.tableName() });
    });
    columns.addCallback((r) => {
      if (this.enabled)
        for (const t of liveTelemetries())
          r.observe(t.columnLeaks.leaked(this._config.leakGraceMs), { [ATTR_UI_TABLE_NAME]: t.tableName() });
    });
  }

  /**
   * In `ft.diagnostics().instrumentations['frametel/table']`: rows and columns that left a model
   * but were not watched for leaks (the watch list was full), over every live table.
   */
  diagnostics(): { rowDeparturesDropped: number; columnDeparturesDropped: number } {
    let rows = 0;
    let columns = 0;
    for (const t of liveTelemetries()) {
      rows += t.rowLeaks.dropped;
      columns += t.columnLeaks.dropped;
    }
    return { rowDeparturesDropped: rows, columnDeparturesDropped: columns };
  }

  /** What tables read while this instrumentation is enabled. */
  sink(): TableTelemetrySink {
    return {
      enabled: this.enabled,
      tracer: this.tracer,
      histogram: this.histogram,
      stateChangeTimeoutMs: this.stateChangeTimeoutMs,
    };
  }

  override enable(): void {
    this.on = true;
    activateTableSink(this);
  }

  override disable(): void {
    this.on = false;
    deactivateTableSink(this);
  }
}
