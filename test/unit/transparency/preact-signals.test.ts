import * as signals from '@preact/signals-core';
import { batch, computed, effect, Signal, signal, untracked } from '@preact/signals-core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { PreactSignalsInstrumentation } from '../../../src/instrumentations/signals/index.js';

/**
 * PreactSignalsInstrumentation is invisible to @preact/signals-core: a slice of its documented
 * behaviour (subclass overrides, instance shape, enumeration, identities, names, errors and their
 * messages, evaluation order) observed bare and instrumented gives the same observations. The bare
 * run comes first: this file's module copy of the library has never been instrumented before it.
 */
function attempt(fn: () => unknown): string {
  try {
    return `ok ${String(fn())}`;
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}
function forIn(o: object): string[] {
  const keys: string[] = [];
  for (const k in o) keys.push(k);
  return keys;
}
const flags = (d: PropertyDescriptor | undefined) =>
  d && {
    enumerable: d.enumerable,
    configurable: d.configurable,
    writable: d.writable,
    get: typeof d.get,
    set: d.set?.name,
  };

function observe(early: Signal<number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A subclass overriding `value` (getter only, and getter + setter through super).
  class Doubled extends Signal<number> {
    override get value(): number {
      return super.value * 2;
    }
  }
  class Clamped extends Signal<number> {
    override get value(): number {
      return super.value;
    }
    override set value(v: number) {
      super.value = Math.min(v, 10);
    }
  }
  const d = new Doubled(2);
  const c = new Clamped(1);
  c.value = 50;
  out.subclasses = [d.value, attempt(() => ((d as { value: number }).value = 3)), c.value, d instanceof Signal];
  // The instance as the library builds it.
  const s = signal(1, { name: 'n' });
  const comp = computed(() => s.value + 1);
  out.instance = [
    Object.getOwnPropertyNames(s),
    Object.keys(s),
    forIn(s),
    Object.hasOwn(s, 'value'),
    JSON.stringify(s),
    String(s),
    Number(s),
  ];
  out.identity = [
    s instanceof Signal,
    comp instanceof Signal,
    s.constructor === Signal,
    comp.constructor === Signal,
    Object.getPrototypeOf(s) === Signal.prototype,
    early instanceof Signal,
    early.constructor === Signal,
    Object.getOwnPropertyNames(early),
    forIn(early),
    Signal.name,
    Object.getOwnPropertyNames(Signal.prototype),
    Object.keys(Signal.prototype),
    flags(Object.getOwnPropertyDescriptor(Signal.prototype, 'value')),
    forIn(comp).length,
  ];
  // Errors and their messages.
  const self = computed((): number => self.value + 1);
  out.errors = [
    attempt(() => self.value),
    attempt(() => {
      (comp as unknown as { value: number }).value = 5;
    }),
    attempt(() => {
      const loop = signal(0);
      effect(() => {
        loop.value = loop.value + 1;
      });
    }),
    attempt(() => {
      const boom = signal(0);
      effect(() => {
        if (boom.value > 0) throw new RangeError('effect failed');
      });
      boom.value = 1;
    }),
  ];
  // Evaluation order of a derived chain on a write and in a batch.
  const log: string[] = [];
  const a = signal(1, { name: 'chain.a' });
  const b = computed(() => {
    log.push('b');
    return a.value * 2;
  });
  const cc = computed(() => {
    log.push('c');
    return b.value + 1;
  });
  effect(() => void log.push(`e1 ${cc.value}`));
  effect(() => void log.push(`e2 ${a.value}`));
  log.push('write');
  a.value = 2;
  log.push('batch');
  batch(() => {
    a.value = 3;
    a.value = 4;
    log.push(`in batch ${untracked(() => cc.value)}`);
  });
  a.value = 4; // same value: nothing runs
  out.order = log;
  early.value = 7;
  out.early = early.value;
  return out;
}

describe('@preact/signals-core is observed identically bare and instrumented', () => {
  it('subclass overrides, instance shape, enumeration, identities, errors and evaluation order match', () => {
    const early = signal(0, { name: 'created.before.frametel' });
    const bare = observe(early);
    const spans = new InMemorySpanExporter();
    const inst = new PreactSignalsInstrumentation({ signals });
    inst.setTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
    let traced: Record<string, unknown>;
    try {
      traced = observe(early);
    } finally {
      inst.disable();
    }
    expect(bare.subclasses).toEqual([
      4,
      'TypeError: Cannot set property value of [object Object] which has only a getter',
      10,
      true,
    ]);
    expect((bare.errors as string[])[0]).toBe('Error: Cycle detected');
    expect((bare.errors as string[])[2]).toBe('Error: Cycle detected');
    expect(traced).toEqual(bare);
    // …and it did trace: writes are spans, the subclass's write through super.value too.
    const names = spans.getFinishedSpans().map((s) => s.name);
    expect(names.filter((n) => n === 'signal.update chain.a')).toHaveLength(3);
    expect(names).not.toContain('signal.update created.before.frametel'); // created before the first enable()
    expect(names.filter((n) => n.startsWith('signal.update ')).length).toBeGreaterThanOrEqual(5);
    expect(bare).toEqual(observe(early)); // and after disable()
  });
});
