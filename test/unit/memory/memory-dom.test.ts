// @vitest-environment happy-dom
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { MemoryInstrumentation } from '../../../src/instrumentations/memory/index.js';
import { dataPointsOf } from '../../support/sdk.js';

async function gauges(inst: MemoryInstrumentation) {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  inst.setMeterProvider(new MeterProvider({ readers: [reader] }));
  return async (name: string) => {
    exporter.reset();
    await reader.forceFlush();
    return dataPointsOf(exporter.getMetrics(), name).map((p) => p.value);
  };
}

describe('MemoryInstrumentation in a DOM (happy-dom)', () => {
  it('ui.memory.dom.nodes counts the elements in the document', async () => {
    const inst = new MemoryInstrumentation({ snapshotIntervalMs: 0 });
    const read = await gauges(inst);
    const before = (await read('ui.memory.dom.nodes'))[0] as number;
    const list = document.createElement('ul');
    for (let i = 0; i < 25; i++) list.append(document.createElement('li'));
    document.body.append(list);
    expect(await read('ui.memory.dom.nodes')).toEqual([before + 26]);
    list.remove();
    expect(await read('ui.memory.dom.nodes')).toEqual([before]);
    inst.disable();
  });

  it('countListeners counts live listeners like the DOM does, and disable() puts EventTarget back', async () => {
    const button = document.createElement('button');
    const originalAdd = button.addEventListener;
    const originalRemove = button.removeEventListener;
    const inst = new MemoryInstrumentation({ snapshotIntervalMs: 0, countListeners: true });
    expect(button.addEventListener).not.toBe(originalAdd);
    const read = await gauges(inst);
    const onClick = () => {};
    let clicks = 0;
    button.addEventListener('click', onClick);
    button.addEventListener('click', onClick); // the same listener again: the DOM keeps one
    button.addEventListener('click', onClick, { capture: true }); // capture is a separate listener
    button.addEventListener('click', () => clicks++);
    // (vitest's happy-dom `window` is globalThis with a copied, bound addEventListener; in browsers
    // window inherits EventTarget.prototype like document does)
    document.addEventListener('visibilitychange', onClick);
    button.removeEventListener('keydown', onClick); // never added: nothing to remove
    expect(await read('ui.memory.listeners')).toEqual([4]);
    button.removeEventListener('click', onClick);
    document.removeEventListener('visibilitychange', onClick);
    expect(await read('ui.memory.listeners')).toEqual([2]);
    button.click();
    expect(clicks).toBe(1); // the patched methods still register listeners
    inst.disable();
    expect(button.addEventListener).toBe(originalAdd);
    expect(button.removeEventListener).toBe(originalRemove);
    expect(document.addEventListener).toBe(originalAdd);
    expect(inst.liveListeners()).toBeUndefined();
    expect(await read('ui.memory.listeners')).toEqual([]);
    inst.enable();
    inst.enable(); // idempotent: one patch, restored by one disable
    inst.disable();
    expect(button.addEventListener).toBe(originalAdd);
  });
});
