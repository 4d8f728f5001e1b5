import type {
  Attributes,
  BatchObservableCallback,
  Context,
  Meter,
  MeterOptions,
  MeterProvider,
  MetricOptions,
  Observable,
  ObservableCallback,
} from '@opentelemetry/api';
import { type Flushable, type HeldRecords, StandInProvider } from './held.js';

type Kind = 'Counter' | 'UpDownCounter' | 'Histogram' | 'Gauge' | `Observable${'Counter' | 'UpDownCounter' | 'Gauge'}`;
type Create = `create${Kind}`;
/** The real instrument: a synchronous one (add or record) or an observable one. */
type RealInstrument = {
  add?(value: number, attributes?: Attributes, context?: Context): void;
  record?(value: number, attributes?: Attributes, context?: Context): void;
} & Partial<Observable>;
/** One measurement made before the chunk: instrument, value, attributes, context. */
type Held = [StandInInstrument, number, Attributes | undefined, Context | undefined];

/**
 * Stands in for one instrument until the real MeterProvider arrives: measurements are held (in
 * order, across instruments), callbacks of observable instruments are remembered; at attach the
 * real instrument is created with the same name and options and everything is handed to it.
 * Afterwards every call goes straight through.
 */
class StandInInstrument {
  real: RealInstrument | undefined;
  private callbacks: ObservableCallback[] = [];

  constructor(
    private readonly kind: Kind,
    private readonly name: string,
    private readonly options: MetricOptions | undefined,
    private readonly held: HeldRecords<Held>,
  ) {}

  add(value: number, attributes?: Attributes, context?: Context): void {
    if (this.real) this.real.add?.(value, attributes, context);
    else this.held.push([this, value, attributes, context]);
  }

  record(value: number, attributes?: Attributes, context?: Context): void {
    if (this.real) this.real.record?.(value, attributes, context);
    else this.held.push([this, value, attributes, context]);
  }

  addCallback(callback: ObservableCallback): void {
    if (this.real) this.real.addCallback?.(callback);
    else this.callbacks.push(callback);
  }

  removeCallback(callback: ObservableCallback): void {
    if (this.real) this.real.removeCallback?.(callback);
    else this.callbacks = this.callbacks.filter((c) => c !== callback);
  }

  attach(meter: Meter): void {
    this.real = (meter[`create${this.kind}` as Create] as (n: string, o?: MetricOptions) => RealInstrument)(
      this.name,
      this.options,
    );
    for (const c of this.callbacks) this.real.addCallback?.(c);
    this.callbacks = [];
  }

  /** Whether collecting would call back into the app (an observable with callbacks). */
  get observed(): boolean {
    return this.callbacks.length > 0;
  }

  replay(value: number, attributes: Attributes | undefined, context: Context | undefined): void {
    if (this.kind === 'Counter' || this.kind === 'UpDownCounter') this.real?.add?.(value, attributes, context);
    else this.real?.record?.(value, attributes, context);
  }
}

/** The real observable for a stand-in (batch callbacks name observables by identity). */
const realOf = (o: Observable) => (o instanceof StandInInstrument ? (o.real as Observable) : o);

/** One meter (name, version, schemaUrl): its instruments and batch callbacks until attach. */
class StandInMeter implements Meter {
  private real: Meter | undefined;
  private readonly instruments: StandInInstrument[] = [];
  private batch: [BatchObservableCallback, Observable[]][] = [];
  /** The wrapper given to the real meter for each batch callback (to remove it again). */
  private readonly wrapped = new Map<BatchObservableCallback, BatchObservableCallback>();

  constructor(
    readonly key: [string, string | undefined, MeterOptions | undefined],
    private readonly held: HeldRecords<Held>,
  ) {}

  private create(kind: Kind, name: string, options?: MetricOptions) {
    if (this.real)
      return (this.real[`create${kind}` as Create] as (n: string, o?: MetricOptions) => never)(name, options);
    const instrument = new StandInInstrument(kind, name, options, this.held);
    this.instruments.push(instrument);
    return instrument as never;
  }

  createCounter = (name: string, options?: MetricOptions) => this.create('Counter', name, options);
  createUpDownCounter = (name: string, options?: MetricOptions) => this.create('UpDownCounter', name, options);
  createHistogram = (name: string, options?: MetricOptions) => this.create('Histogram', name, options);
  createGauge = (name: string, options?: MetricOptions) => this.create('Gauge', name, options);
  createObservableCounter = (name: string, options?: MetricOptions) => this.create('ObservableCounter', name, options);
  createObservableGauge = (name: string, options?: MetricOptions) => this.create('ObservableGauge', name, options);
  createObservableUpDownCounter = (name: string, options?: MetricOptions) =>
    this.create('ObservableUpDownCounter', name, options);

  addBatchObservableCallback(callback: BatchObservableCallback, observables: Observable[]): void {
    if (!this.real) {
      this.batch.push([callback, observables]);
      return;
    }
    // The app observes its (stand-in) observables; the real meter only knows the real ones.
    let wrapper = this.wrapped.get(callback);
    if (!wrapper) {
      wrapper = (result) => callback({ observe: (o, value, attrs) => result.observe(realOf(o), value, attrs) });
      this.wrapped.set(callback, wrapper);
    }
    this.real.addBatchObservableCallback(wrapper, observables.map(realOf));
  }

  removeBatchObservableCallback(callback: BatchObservableCallback, observables: Observable[]): void {
    if (!this.real) {
      this.batch = this.batch.filter(([c]) => c !== callback);
      return;
    }
    this.real.removeBatchObservableCallback(this.wrapped.get(callback) ?? callback, observables.map(realOf));
  }

  /** Whether a collection would observe something (a callback registered). */
  get observed(): boolean {
    return this.batch.length > 0 || this.instruments.some((i) => i.observed);
  }

  attach(real: Meter): void {
    this.real = real;
    for (const i of this.instruments) i.attach(real);
    for (const [callback, observables] of this.batch.splice(0)) this.addBatchObservableCallback(callback, observables);
  }
}

/** The real MeterProvider's flush and shutdown (sdk-metrics' MeterProvider has both). */
export interface FlushableMeterProvider extends MeterProvider, Flushable {}

/**
 * `ft.meterProvider` until the pipeline chunk brings sdk-metrics: hands out stand-in meters whose
 * instruments hold every measurement (bounded: past `max` the oldest is dropped and counted) and
 * replays them, value, attributes and context, into the real MeterProvider's instruments in
 * the order they were made. After attach getMeter() returns the real provider's meters.
 */
export class StandInMeterProvider
  extends StandInProvider<FlushableMeterProvider, StandInMeter, Held>
  implements MeterProvider
{
  getMeter(name: string, version?: string, options?: MeterOptions): Meter {
    if (this.real) return this.real.getMeter(name, version, options);
    return this.scope(name, version, options?.schemaUrl, () => new StandInMeter([name, version, options], this.held));
  }

  /** Hands every meter, instrument, callback and held measurement to the real provider. */
  attach(real: FlushableMeterProvider): void {
    if (this.real) return;
    this.real = real;
    for (const meter of this.scoped.values()) meter.attach(real.getMeter(...meter.key));
    this.scoped.clear();
    for (const [instrument, value, attributes, context] of this.held.take())
      instrument.replay(value, attributes, context);
  }

  /** Held measurements, or observable callbacks the chunk must collect. */
  protected override get waiting(): boolean {
    if (this.held.size > 0) return true;
    for (const meter of this.scoped.values()) if (meter.observed) return true;
    return false;
  }
}
