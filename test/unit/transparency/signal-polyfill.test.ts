import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Signal } from 'signal-polyfill';
import { describe, expect, it } from 'vitest';
import { SignalPolyfillInstrumentation } from '../../../src/instrumentations/signals/index.js';

/**
 * SignalPolyfillInstrumentation is invisible to the polyfill: a slice of its documented behaviour
 * (errors and messages, names, enumeration, equality, evaluation order, subclassing) observed
 * bare and instrumented gives the same observations.
 */
function attempt(fn: () => unknown): string {
  try {
    return `ok ${String(fn())}`;
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

function observe(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { State, Computed } = Signal;
  const { Watcher } = Signal.subtle;
  // Names, lengths and enumeration of the public API.
  out.names = [State.name, Computed.name, Watcher.name, State.prototype.set.name, State.prototype.set.length];
  out.stateProto = Object.getOwnPropertyNames(State.prototype);
  out.watcherProto = Object.getOwnPropertyNames(Watcher.prototype);
  out.setDescriptor = { ...Object.getOwnPropertyDescriptor(State.prototype, 'set'), value: typeof State.prototype.set };
  const s = new State(1);
  out.instanceKeys = [Object.keys(s), Object.getOwnPropertyNames(s), Object.getOwnPropertySymbols(s).length];
  // Errors and their messages.
  out.wrongReceiver = attempt(() => State.prototype.set.call({} as never, 1));
  out.wrongReceiverGet = attempt(() => State.prototype.get.call({} as never));
  let inNotify = '';
  const w = new Watcher(() => {
    inNotify = attempt(() => s.set(99));
  });
  w.watch(new Computed(() => s.get()));
  (w as unknown as { getPending(): Array<{ get(): unknown }> }).getPending();
  const derived = new Computed(() => s.get() * 2);
  w.watch(derived);
  derived.get();
  s.set(2);
  out.writeInNotify = inNotify;
  out.afterNotify = s.get();
  const cyclic: InstanceType<typeof Computed<number>> = new Computed((): number => cyclic.get() + 1);
  out.cycle = attempt(() => cyclic.get());
  // The signal's own equals decides; it runs as often as without frametel.
  let equalsCalls = 0;
  const eq = new State(
    { v: 1 },
    {
      equals: (a, b) => {
        equalsCalls++;
        return a.v === b.v;
      },
    },
  );
  eq.set({ v: 1 });
  eq.set({ v: 2 });
  out.equals = [equalsCalls, eq.get().v];
  // Evaluation order of a derived chain, lazily pulled.
  const log: string[] = [];
  const a = new State(1);
  const b = new Computed(() => {
    log.push('b');
    return a.get() + 1;
  });
  const c = new Computed(() => {
    log.push('c');
    return b.get() * 10;
  });
  log.push(`c=${c.get()}`);
  a.set(5);
  log.push('written');
  log.push(`c=${c.get()}`);
  out.order = log;
  // Subclassing and identity.
  class MyWatcher extends Signal.subtle.Watcher {
    label = 'mine';
  }
  const mine = new MyWatcher(() => {});
  out.subclass = [
    MyWatcher.name,
    mine instanceof Signal.subtle.Watcher,
    mine instanceof MyWatcher,
    mine.label,
    mine.constructor === MyWatcher,
    new Signal.subtle.Watcher(() => {}).constructor === Signal.subtle.Watcher,
    Object.getPrototypeOf(MyWatcher.prototype) === Signal.subtle.Watcher.prototype,
    Signal.isWatcher(mine),
  ];
  class Counter extends Signal.State<number> {
    increment() {
      this.set(this.get() + 1);
    }
  }
  const counter = new Counter(0);
  counter.increment();
  out.stateSubclass = [counter.get(), counter instanceof Signal.State, Signal.isState(counter)];
  out.badNotify = attempt(() => new Signal.subtle.Watcher('not a function' as never).watch(new State(0)));
  return out;
}

describe('signal-polyfill is observed identically bare and instrumented', () => {
  it('errors, messages, names, enumeration, equals calls, derived order and subclassing match', () => {
    const bare = observe();
    const spans = new InMemorySpanExporter();
    const inst = new SignalPolyfillInstrumentation({ Signal: Signal as never });
    inst.setTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
    let traced: Record<string, unknown>;
    try {
      traced = observe();
    } finally {
      inst.disable();
    }
    expect(bare.writeInNotify).toBe('Error: Writes to signals not permitted during Watcher callback');
    expect(bare.wrongReceiver).toBe('TypeError: Wrong receiver type for Signal.State.prototype.set');
    expect(bare.names).toEqual(['State', 'Computed', 'Watcher', 'set', 1]);
    expect(traced).toEqual(bare);
    // …and it did trace: changing writes are spans, the write equals rejected is not.
    const names = spans.getFinishedSpans().map((s) => s.name);
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(names.every((n) => n.startsWith('signal.update '))).toBe(true);
    expect(bare).toEqual(observe()); // disable() restored the bare behaviour
  });
});
