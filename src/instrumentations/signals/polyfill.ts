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
 * Traces `Signal.State#set` of the TC39 signals proposal polyfill: each write that changed the
 * value (by the signal's own `equals`, seen as the library's node version moving) is a span
 * `signal.update {name}`, recorded after the library's set ran untouched; `ui.signal.effects_run`
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
    const proto = S.State.prototype as { set?: (this: Obj, v: unknown) => void };
    const set = proto.set;
    if (typeof set !== 'function') {
      diag.error(
        'frametel signals: this signal-polyfill version is not supported (State#set not found); not instrumented',
      );
      return;
    }
    const Watcher = S.subtle.Watcher;
    this.patched = { set, Watcher };
    const inst = this;
    let nodeKey: symbol | undefined;
    /** The library's internal node version: bumped by a write that changed the value (per its `equals`). */
    const versionOf = (state: Obj): unknown => {
      nodeKey ??= Object.getOwnPropertySymbols(state).find((k) => k.description === 'node');
      return nodeKey === undefined
        ? undefined
        : (state as Record<symbol, { version?: unknown } | undefined>)[nodeKey]?.version;
    };
    // A method, so it keeps the library's `name` ("set") and `length` (1).
    proto.set = {
      set(this: Obj, value: unknown) {
        // Nothing runs before the library's own set: its receiver check, its write-permission
        // check and its `equals` decide, and throw their own errors, exactly as without frametel.
        if (!S.isState(this)) return set.call(this, value);
        const before = versionOf(this);
        return inst.traceWriteAfter(
          () => inst.nodes.node(this, 'signal', inst.names?.get(this)).name,
          value,
          () => set.call(this, value),
          () => before === undefined || versionOf(this) !== before,
        );
      },
    }.set;
    // Watchers count their notifications (an effect scheduled by a write). A Proxy of the class
    // keeps its name, prototype, statics and subclassing; only `new` passes a counting notify.
    const proxy: Ctor = new Proxy(Watcher, {
      construct(target, args, newTarget) {
        const notify = args[0] as unknown;
        if (typeof notify === 'function') {
          args[0] = function (this: Obj, ...rest: unknown[]) {
            inst.countRun();
            return (notify as (...a: unknown[]) => unknown).apply(this, rest);
          };
        }
        return Reflect.construct(target, args, newTarget === proxy ? target : newTarget) as object;
      },
    });
    S.subtle.Watcher = proxy;
    // `watcher.constructor === Signal.subtle.Watcher` holds as without frametel.
    (Watcher.prototype as { constructor: unknown }).constructor = proxy;
  }

  override disable(): void {
    const patched = this.patched;
    if (!patched) return;
    const S = this._config.Signal;
    (S.State.prototype as { set: unknown }).set = patched.set;
    S.subtle.Watcher = patched.Watcher;
    (patched.Watcher.prototype as { constructor: unknown }).constructor = patched.Watcher;
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
