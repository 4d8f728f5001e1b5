import { diag } from '@opentelemetry/api';
import { NodeRegistry, toDot } from './graph.js';
import { checkPreactOptions } from './options.js';
import { installWriteHook, uninstallWriteHook, type WriteHook } from './preact-writes.js';
import { SIGNALS_VERSION, SignalsInstrumentationBase } from './signals-base.js';
import type { SignalGraph, SignalsInstrumentationConfig } from './types.js';

/**
 * Internal field names of @preact/signals-core. Its published builds mangle private properties
 * with a fixed map (shared by @preact/signals and @preact/signals-react); source builds keep the
 * long names. Both are supported, detected at enable().
 */
const FIELDS = {
  plain: {
    value: '_value',
    targets: '_targets',
    sources: '_sources',
    source: '_source',
    target: '_target',
    nextSource: '_nextSource',
    nextTarget: '_nextTarget',
    callback: '_callback',
    refresh: '_refresh',
    version: '_version',
  },
  mangled: {
    value: 'v',
    targets: 't',
    sources: 's',
    source: 'S',
    target: 't',
    nextSource: 'n',
    nextTarget: 'x',
    callback: 'c',
    refresh: 'h',
    version: 'i',
  },
} as const;
type Fields = (typeof FIELDS)[keyof typeof FIELDS];
type Obj = Record<string, unknown> & { name?: string };
type Ctor = { prototype: object };

/** What to pass as `signals`: the module itself, `import * as signals from '@preact/signals-core'`. */
export interface PreactSignalsModule {
  Signal: Ctor;
  Computed: Ctor;
  Effect: Ctor;
  batch<T>(fn: () => T): T;
}

export interface PreactSignalsInstrumentationConfig extends SignalsInstrumentationConfig {
  /**
   * The @preact/signals-core module (`import * as signals from '@preact/signals-core'`; the same
   * copy @preact/signals or @preact/signals-react use). Required: on the web there is no module
   * loader to hook, so the instrumentation patches the classes it is handed.
   */
  signals: PreactSignalsModule;
}

/** Running effects/computeds (outermost first) then the written signal; re-entrant runs of one node appear once. */
function cyclePath(running: string[], signalName: string): string[] {
  const path: string[] = [];
  for (const name of [...running, signalName]) if (path.at(-1) !== name) path.push(name);
  return path;
}

/**
 * Traces writes to @preact/signals-core signals: each write that changes a signal's value is a
 * span `signal.update {name}` covering its synchronous propagation (effects and computeds re-run
 * inside it are counted in `ui.signal.effects_run`; renders it causes become its children).
 *
 * The library defines `Signal.prototype.value` as a non-configurable accessor, so it cannot be
 * wrapped; the first enable() gives `Signal` a twin prototype with a tracing setter instead (see
 * preact-writes.ts): signals and subclasses are left exactly as the library makes them. Signals
 * created before the first enable() (and subclasses declared before it) are not traced, so
 * register frametel before the app creates its signals. disable() unhooks: writes then run the
 * library's setter directly. Use `instrumentation.batch(fn)` for a `signal.batch` parent span: ES
 * module exports (the library's `batch`) cannot be patched.
 */
export class PreactSignalsInstrumentation extends SignalsInstrumentationBase<PreactSignalsInstrumentationConfig> {
  declare private patched:
    | {
        fields: Fields;
        writeHook: WriteHook;
        callback: (this: Obj) => void;
        refresh: (this: Obj) => boolean;
      }
    | undefined;
  declare private registry: NodeRegistry<Obj> | undefined;
  declare private running: string[] | undefined;

  /** Throws FrametelConfigError for a missing library or a bad option (defaults in SIGNALS_DEFAULTS). */
  constructor(config: PreactSignalsInstrumentationConfig) {
    super('frametel/signals-preact', SIGNALS_VERSION, checkPreactOptions(config));
  }

  protected override init(): void {}

  private get nodes(): NodeRegistry<Obj> {
    return (this.registry ??= new NodeRegistry<Obj>());
  }

  override enable(): void {
    if (this.patched) return;
    const { Signal, Computed, Effect } = this._config.signals;
    const signalProto = Signal.prototype as Obj;
    const effectProto = Effect.prototype as Obj;
    const computedProto = Computed.prototype as Obj;
    const fields =
      typeof effectProto._callback === 'function'
        ? FIELDS.plain
        : typeof effectProto.c === 'function'
          ? FIELDS.mangled
          : undefined;
    const valueDescriptor = Object.getOwnPropertyDescriptor(signalProto, 'value');
    if (
      fields === undefined ||
      !valueDescriptor?.get ||
      !valueDescriptor.set ||
      typeof computedProto[fields.refresh] !== 'function'
    ) {
      diag.error(
        'frametel signals: this @preact/signals-core version is not supported (Signal#value, Effect#_callback or Computed#_refresh not found); not instrumented',
      );
      return;
    }
    const callback = effectProto[fields.callback] as (this: Obj) => void;
    const refresh = computedProto[fields.refresh] as (this: Obj) => boolean;
    const inst = this;
    const writeHook: WriteHook = (signal, value, write) => {
      const node = inst.nodes.node(signal, 'signal', signal.name as string | undefined);
      inst.traceWrite(node.name, value, write, () => cyclePath(inst.running ?? [], node.name));
    };
    if (!installWriteHook(Signal, fields.value, writeHook)) {
      diag.error(
        'frametel signals: this @preact/signals-core version is not supported (Signal.prototype is not writable); not instrumented',
      );
      return;
    }
    this.patched = { fields, writeHook, callback, refresh };
    effectProto[fields.callback] = function (this: Obj) {
      const node = inst.nodes.node(this, 'effect', this.name);
      inst.countRun();
      (inst.running ??= []).push(node.name);
      try {
        return callback.call(this);
      } finally {
        inst.running.pop();
      }
    };
    computedProto[fields.refresh] = function (this: Obj) {
      const before = this[fields.version];
      const result = refresh.call(this);
      if (this[fields.version] !== before) {
        inst.nodes.node(this, 'computed', this.name);
        inst.countRun();
      }
      return result;
    };
  }

  override disable(): void {
    const patched = this.patched;
    if (!patched) return;
    const { Signal, Computed, Effect } = this._config.signals;
    uninstallWriteHook(Signal, patched.writeHook);
    (Effect.prototype as Obj)[patched.fields.callback] = patched.callback;
    (Computed.prototype as Obj)[patched.fields.refresh] = patched.refresh;
    this.patched = undefined;
  }

  /** The library's `batch(fn)` inside one `signal.batch` span (a plain batch when disabled). */
  batch<T>(fn: () => T): T {
    const batch = this._config.signals.batch;
    return this.patched ? this.traceBatch(() => batch(fn)) : batch(fn);
  }

  /** Signals, computeds and effects seen so far and their current dependencies. */
  signalGraph(): SignalGraph {
    const { Computed, Effect } = this._config.signals;
    const f =
      this.patched?.fields ??
      (typeof (Effect.prototype as Obj)._callback === 'function' ? FIELDS.plain : FIELDS.mangled);
    const list = (first: unknown, pick: string, next: string): Obj[] => {
      const out: Obj[] = [];
      for (let n = first as Obj | undefined; n !== undefined && out.length < 10_000; n = n[next] as Obj | undefined)
        out.push(n[pick] as Obj);
      return out;
    };
    return this.nodes.graph((obj) => {
      const isEffect = obj instanceof (Effect as unknown as new () => object);
      const isComputed = obj instanceof (Computed as unknown as new () => object);
      return {
        kind: isEffect ? 'effect' : isComputed ? 'computed' : 'signal',
        name: obj.name,
        sources: isEffect || isComputed ? list(obj[f.sources], f.source, f.nextSource) : [],
        dependents: isEffect ? [] : list(obj[f.targets], f.target, f.nextTarget),
      };
    });
  }

  /** `signalGraph()` as Graphviz DOT. */
  toDot(): string {
    return toDot(this.signalGraph());
  }
}
