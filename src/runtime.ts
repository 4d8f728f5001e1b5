import { context, diag, metrics, propagation, trace, type Attributes } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { W3CBaggagePropagator, W3CTraceContextPropagator, CompositePropagator } from '@opentelemetry/core';
import { registerInstrumentations, type Instrumentation } from '@opentelemetry/instrumentation';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { StackContextManager, type WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { AlertDispatcher } from './alerts/dispatcher.js';
import { AmbientContextManager } from './context/ambient.js';
import type { BudgetTable } from './budgets/budget-table.js';
import { measurementChecker, setMeasurementChecker } from './budgets/measurement.js';
import { BudgetSpanProcessor } from './budgets/processor.js';
import { checkSubscription } from './config/calls.js';
import { collectInstrumentationDiagnostics } from './diagnostics-sources.js';
import type { Delivery } from './delivery/index.js';
import { extraPropagators } from './sdk/propagators.js';
import { createDiagnostics, snapshotDiagnostics, type Diagnostics } from './diagnostics.js';
import { EventHub, FRAMETEL_EVENT_NAMES, type FrametelEventName, type Listener } from './events.js';
import type { Frametel } from './handle.js';
import type { ResolvedConfig } from './options.js';
import { buildTracerProvider, createPipeline, type LoadedPipeline } from './sdk/pipeline.js';
import { buildResource } from './sdk/resource.js';
import { SessionSampler, sessionSamplingDecision } from './sdk/sampler.js';
import { SCOPE_NAME } from './semconv.js';
import type { StandInLoggerProvider } from './sdk/stand-in-logs.js';
import type { StandInMeterProvider } from './sdk/stand-in-metrics.js';
import { OperationStatsBase } from './stats/operation-stats-base.js';
import { OperationStatsSpanProcessor } from './stats/processor.js';
import { findComponentSource, type ComponentRenderStats } from './stats/components.js';
import { buildReport, formatReport, type ReportFormat } from './stats/report.js';
import { Tracker } from './track.js';
import { VERSION } from './version.js';

/** The live handle: owns the providers, stats, listeners and alerts of one register() call. */
export class FrametelRuntime implements Frametel {
  readonly enabled = true;
  readonly sampled: boolean;
  readonly tracerProvider: WebTracerProvider;
  /**
   * Stand-ins until the pipeline chunk brings sdk-metrics and sdk-logs: they hold what is
   * recorded (bounded, drops counted) and replay it into the real providers (src/sdk/stand-in-*.ts).
   */
  readonly meterProvider: StandInMeterProvider;
  readonly loggerProvider: StandInLoggerProvider;
  /** Exact from kept samples until the sketch code arrives with the pipeline chunk, then sketched. */
  readonly stats: OperationStatsBase;
  readonly budgets: BudgetTable;
  readonly instrumentations: readonly Instrumentation[];
  readonly spanProcessors: readonly SpanProcessor[];
  private readonly state: Diagnostics = createDiagnostics();
  private readonly budgetProcessor: BudgetSpanProcessor;
  private readonly events: EventHub;
  private readonly tracker: Tracker;
  private readonly unregisterInstrumentations: () => void;
  private ownsGlobals = false;
  private shutdownPromise: Promise<void> | undefined;
  /** Set once shutdown() has finished: a pipeline chunk arriving later is not used. */
  private closed = false;
  private delivery: Delivery | undefined;
  private hurryPipeline: (() => void) | undefined;

  constructor(
    private readonly config: ResolvedConfig,
    /** Called once shutdown() has finished (register() forgets the active handle). */
    private readonly onShutDown?: () => void,
  ) {
    // Past its bound of kept samples the stats ask for the chunk (and the sketch code) at once.
    this.stats = new OperationStatsBase(config.stats, undefined, () => this.hurryPipeline?.());
    this.instrumentations = Object.freeze([...config.instrumentations]);
    this.spanProcessors = Object.freeze([...config.spanProcessors]);
    this.sampled = sessionSamplingDecision(config.serviceName, config.sampleRate);
    const alerts = new AlertDispatcher(config.alerts, this.state);
    this.events = new EventHub(this.state, alerts.active ? (_event, v) => alerts.dispatch(v) : undefined);
    const resource = buildResource(config);
    // sdk-metrics, sdk-logs, the OTLP exporters and the delivery layer arrive with the lazily
    // loaded pipeline chunk; until then stand-ins hold what is recorded (src/sdk/pipeline.ts).
    const pipeline = createPipeline(
      config,
      resource,
      this.state,
      (loaded) => this.pipelineLoaded(loaded),
      () => this.closed,
    );
    this.meterProvider = pipeline.meterProvider;
    this.loggerProvider = pipeline.loggerProvider;
    this.hurryPipeline = () => void pipeline.loader.ready().catch(() => {});
    this.budgetProcessor = new BudgetSpanProcessor({
      budgets: config.budgets,
      meterProvider: this.meterProvider,
      loggerProvider: this.loggerProvider,
      onViolation: (v) => {
        this.stats.recordViolation(v.operation);
        this.events.emit('budgetViolation', v);
      },
    });
    this.budgets = this.budgetProcessor.table;
    // Instrumentations measuring non-span values (web vitals) reach the budgets through this slot.
    setMeasurementChecker(this.budgetProcessor);
    const statsProcessor = new OperationStatsSpanProcessor(
      this.stats,
      this.meterProvider.getMeter(SCOPE_NAME, VERSION),
      this.state,
    );
    this.tracerProvider = buildTracerProvider(
      resource,
      new SessionSampler(this.sampled),
      [this.budgetProcessor, statsProcessor, ...config.spanProcessors],
      pipeline.spans,
    );
    this.tracker = new Tracker(this.tracerProvider.getTracer(SCOPE_NAME, VERSION), this.state);

    this.unregisterInstrumentations = registerInstrumentations({
      instrumentations: config.instrumentations,
      tracerProvider: this.tracerProvider,
      meterProvider: this.meterProvider,
      loggerProvider: this.loggerProvider,
    });
  }

  /**
   * The chunk is in: delivery wraps the real OTLP exporters' transports before anything is
   * exported through them (the stand-ins replay right after this, the held span exports next).
   */
  private pipelineLoaded(loaded: LoadedPipeline): void {
    this.stats.adoptSketches(loaded.createSketch);
    if (this.shutdownPromise) return;
    const { otlp } = loaded;
    if (otlp)
      try {
        this.delivery = loaded.attachDelivery(
          this.config,
          { traces: [otlp.traces], metrics: [otlp.metrics], logs: [otlp.logs] },
          this.state,
        );
        // Most important first on hide: violation and error records, then spans, then metrics.
        this.delivery?.start([loaded.loggerProvider, this.tracerProvider, loaded.meterProvider]);
      } catch (error) {
        this.internalError('attaching delivery', error);
      }
    // Loaded because the page was hidden: the hide that delivery and the span batch processors
    // (built with the chunk, also for the app's own trace exporters) listen for has passed.
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden')
      setTimeout(() => void this.forceFlush(), 0);
  }

  /** Installs the providers, context manager and W3C propagators as the OTel globals. */
  registerGlobals(): void {
    this.tracerProvider.register({
      // The ambient wrapper lets an interaction span parent the work its handlers start (inert
      // unless InteractionInstrumentation sets one; see src/context/ambient.ts).
      contextManager: new AmbientContextManager(this.config.contextManager ?? new StackContextManager()),
      propagator: new CompositePropagator({
        propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator(), ...extraPropagators(this.config)],
      }),
    });
    metrics.setGlobalMeterProvider(this.meterProvider);
    logs.setGlobalLoggerProvider(this.loggerProvider);
    this.ownsGlobals = true;
  }

  /** Gives the OTel globals back (another register() replaces this handle, or shutdown). */
  releaseGlobals(): void {
    if (!this.ownsGlobals) return;
    this.ownsGlobals = false;
    trace.disable();
    metrics.disable();
    logs.disable();
    propagation.disable();
    context.disable();
  }

  on<E extends FrametelEventName>(event: E, fn: Listener<E>): this {
    checkSubscription(event, fn, FRAMETEL_EVENT_NAMES);
    this.events.on(event, fn);
    return this;
  }

  off<E extends FrametelEventName>(event: E, fn: Listener<E>): this {
    this.events.off(event, fn);
    return this;
  }

  track<T>(operation: string, fn: () => T, attributes?: Attributes): T {
    return this.tracker.track(operation, fn, attributes);
  }

  report(format: ReportFormat = 'json'): string {
    const fmt = format === 'csv' ? 'csv' : 'json';
    if (format !== fmt)
      diag.warn(`frametel: report(format): expected 'json' or 'csv', got ${String(format)}; wrote JSON`);
    return formatReport(buildReport(this.config.serviceName, this.stats, this.budgets), fmt);
  }

  /** @deprecated Read the instrumentation: `reactInstrumentation.slowestComponents(n)`. */
  slowestComponents(n = 10): ComponentRenderStats[] {
    return findComponentSource(this.instrumentations)?.slowestComponents(n) ?? [];
  }

  /** @deprecated Read the instrumentation: `reactInstrumentation.topRerenders(n)`. */
  topRerenders(n = 10): ComponentRenderStats[] {
    return findComponentSource(this.instrumentations)?.topRerenders(n) ?? [];
  }

  diagnostics(): Diagnostics {
    this.state.statsSamplesDropped = this.stats.droppedSamples;
    const snapshot = snapshotDiagnostics(this.state);
    snapshot.internalErrors += this.budgetProcessor.callbackErrors;
    snapshot.instrumentations = collectInstrumentationDiagnostics(this.instrumentations, (name, error) =>
      this.internalError(`diagnostics() of ${name}`, error),
    );
    return snapshot;
  }

  async forceFlush(): Promise<void> {
    // allSettled: a failed export rejects the provider's flush, but it is already counted in the
    // signal's ledger by CountingExporter; the other signals must still be flushed.
    // Instrumentations that defer span creation off the hot path (React commits) make them now.
    for (const i of this.instrumentations) {
      try {
        (i as { flushPending?: () => void }).flushPending?.();
      } catch (error) {
        this.internalError('instrumentation flush', error);
      }
    }
    await this.events.flush().catch((error: unknown) => this.internalError('listener flush', error));
    const settled = await Promise.allSettled([this.tracerProvider.forceFlush(), this.loggerProvider.forceFlush()]);
    // Metrics last: violations counted while spans were flushed are included.
    settled.push(...(await Promise.allSettled([this.meterProvider.forceFlush()])));
    for (const r of settled)
      if (r.status === 'rejected') diag.debug('frametel: forceFlush: an export failed (counted)', r.reason);
  }

  private internalError(what: string, error: unknown): void {
    this.state.internalErrors++;
    diag.error(`frametel: ${what} failed`, error);
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      await this.forceFlush();
      try {
        this.unregisterInstrumentations();
        this.delivery?.stop();
        await Promise.all([
          this.tracerProvider.shutdown(),
          this.meterProvider.shutdown(),
          this.loggerProvider.shutdown(),
        ]);
      } catch (error) {
        this.state.internalErrors++;
        diag.error('frametel: shutdown failed', error);
      }
      this.events.clear();
      if (measurementChecker() === this.budgetProcessor) setMeasurementChecker(undefined);
      this.releaseGlobals();
      this.closed = true;
      this.onShutDown?.();
    })();
    return this.shutdownPromise;
  }
}
