import { diag } from '@opentelemetry/api';
import { NodeRegistry, toDot } from './graph.js';
import { checkPolyfillOptions } from './options.js';
import { SIGNALS_VERSION, SignalsInstrumentationBase } from './signals-base.js';
import type { SignalGraph, SignalsInstrumentationConfig } from './types.js';

type Obj = object;
type Ctor = { prototype: object } & (new (...args: never[]) => object);

/** What to pass as `Signal`: the polyfill's namespace, `import { Signal } from 'signal-polyfill'`. */
export interface SignalPolyfillNamespace {
  State: Ctor;
  Computed: Ctor;
  isState(s: unknown): boolean;
  isComputed(s: unknown): boolean;
  isWatcher(s: unknown): boolean;
  subtle: {
    Watcher: Ctor;
    untrack<T>(fn: () => T): T;
    introspectSources(sink: Obj): Obj[];
    introspectSinks(signal: Obj): Obj[];
  };
}

export interface SignalPolyfillInstrumentationConfig extends SignalsInstrumentationConfig {
  /** The TC39 proposal polyfill's `Signal` (`import { Signal } from 'signal-polyfill'`). Required. */
  Signal: SignalPolyfillNamespace;
}

/**
 * Traces `Signal.State#set` of the TC39 signals proposal polyfill: each write whose value is not
 * Object.is-equal to the current one is a span `signal.update {name}`; `ui.signal.effects_run`
 * counts the watchers it notified (effects built on Signal.subtle.Watcher run later, when the app
 * schedules them). The proposal has no signal names: name a signal with `inst.nameSignal(s, name)`,
 * else it gets a stable generated id. The graph comes from Signal.subtle introspection.
 */
export class SignalPolyfillInstrumentation extends SignalsInstrumentationBase<SignalPolyfillInstrumentationConfig> {
  declare private patched: { set: (this: Obj, v: unknown) => void; Watcher: Ctor } | undefined;
  declare private registry: NodeRegistry<Obj> | undefined;
  declare private names: WeakMap<Obj, string> | undefined;

  /** Throws FrametelConfigError for a missing library or a bad option (defaults in SIGNALS_DEFAULTS). */
  constructor(config: SignalPolyfillInstrumentationConfig) {
    super('frametel/signals-polyfill', SIGNALS_VERSION, checkPolyfillOptions(config));
  }

  protected override init(): void {}

  private get nodes(): NodeRegistry<Obj> {
    return (this.registry ??= new NodeRegistry<Obj>());
  }

  /** Names a signal or computed for spans, metrics and the graph (`ui.signal.name`). */
  nameSignal<T extends Obj>(signal: T, name: string): T {
    (this.names ??= new WeakMap()).set(signal, name);
    return signal;
  }

  override enable(): void {
    if (this.patched) return;
    const S = this._config.Signal;
    const proto = S.State.prototype as { set?: (this: Obj, v: unknown) => void; get?: (this: Obj) => unknown };
    const set = proto.set;
    const get = proto.get;
    if (typeof set !== 'function' || typeof get !== 'function') {
      diag.error(
        'frametel signals: this signal-polyfill version is not supported (State#set/get not found); not instrumented',
      );
      return;
    }
    const Watcher = S.subtle.Watcher;
    this.patched = { set, Watcher };
    const inst = this;
    proto.set = function (this: Obj, value: unknown) {
      const current = S.subtle.untrack(() => get.call(this));
      if (Object.is(current, value)) return set.call(this, value);
      const node = inst.nodes.node(this, 'signal', inst.names?.get(this));
      inst.traceWrite(node.name, value, () => set.call(this, value));
    };
    // Watchers created from now on count their notifications (an effect scheduled by this write).
    const Base = Watcher as unknown as new (notify: (this: Obj) => void) => Obj;
    S.subtle.Watcher = class TracedWatcher extends Base {
      constructor(notify: (this: Obj) => void) {
        super(function (this: Obj) {
          inst.countRun();
          return notify.call(this);
        });
      }
    } as unknown as Ctor;
  }

  override disable(): void {
    const patched = this.patched;
    if (!patched) return;
    const S = this._config.Signal;
    (S.State.prototype as { set: unknown }).set = patched.set;
    S.subtle.Watcher = patched.Watcher;
    this.patched = undefined;
  }

  /** Signals, computeds and watchers seen so far, linked by Signal.subtle introspection. */
  signalGraph(): SignalGraph {
    const S = this._config.Signal;
    return this.nodes.graph((obj) => {
      const kind = S.isWatcher(obj) ? 'effect' : S.isComputed(obj) ? 'computed' : 'signal';
      return {
        kind,
        name: this.names?.get(obj),
        sources: kind === 'signal' ? [] : S.subtle.introspectSources(obj),
        dependents: kind === 'effect' ? [] : S.subtle.introspectSinks(obj),
      };
    });
  }

  /** `signalGraph()` as Graphviz DOT. */
  toDot(): string {
    return toDot(this.signalGraph());
  }
}
