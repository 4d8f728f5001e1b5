import { diag, ValueType, type ObservableResult } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import {
  ATTR_UI_MEMORY_GROWTH_RATE,
  ATTR_UI_MEMORY_KIND,
  ATTR_UI_MEMORY_SOURCE,
  EVENT_UI_MEMORY_GROWTH,
  METRIC_UI_MEMORY_DOM_NODES,
  METRIC_UI_MEMORY_HEAP_USED,
  METRIC_UI_MEMORY_LEAKS,
  METRIC_UI_MEMORY_LISTENERS,
  METRIC_UI_MEMORY_TRACKED,
} from '../../semconv.js';
import { VERSION } from '../../version.js';
import { sharedLifecycle, type LifecycleRegistry } from './lifecycle.js';
import { ListenerCounter } from './listeners.js';
import { checkMemoryOptions, MEMORY_DEFAULTS } from './options.js';
import type { HeapSnapshot, MemoryInstrumentationConfig, SuspectedLeak } from './types.js';

const MAX_SNAPSHOTS = 60;
const LEAK_MIN_AGE_MS = 10_000;

type Perf = {
  memory?: { usedJSHeapSize?: number };
  measureUserAgentSpecificMemory?: () => Promise<{ bytes?: number }>;
};
const perf = (): Perf | undefined => (globalThis as { performance?: Perf }).performance;

/** A heap reading and where it came from (`ui.memory.source`). */
export interface HeapReading {
  bytes: number;
  source: 'measureUserAgentSpecificMemory' | 'performance.memory' | 'process.memoryUsage';
}

/** JS heap in use, synchronously: performance.memory (Chromium), else process.memoryUsage() (Node). */
export function heapReading(): HeapReading | undefined {
  const used = perf()?.memory?.usedJSHeapSize;
  if (typeof used === 'number') return { bytes: used, source: 'performance.memory' };
  const proc = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number } } }).process;
  return typeof proc?.memoryUsage === 'function'
    ? { bytes: proc.memoryUsage().heapUsed, source: 'process.memoryUsage' }
    : undefined;
}

/** Bytes of heapReading(), or undefined where no heap figure exists. */
export function heapUsedBytes(): number | undefined {
  return heapReading()?.bytes;
}

/** measureUserAgentSpecificMemory is only exposed to cross-origin isolated pages (COOP + COEP). */
function canMeasureUserAgentMemory(): boolean {
  return (
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true &&
    typeof perf()?.measureUserAgentSpecificMemory === 'function'
  );
}

/** Least-squares slope of bytes over time, in bytes per minute. */
export function growthRate(snapshots: HeapSnapshot[]): number {
  if (snapshots.length < 2) return 0;
  const n = snapshots.length;
  const mx = snapshots.reduce((s, p) => s + p.at, 0) / n;
  const my = snapshots.reduce((s, p) => s + p.bytes, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of snapshots) {
    num += (p.at - mx) * (p.bytes - my);
    den += (p.at - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60_000;
}

/**
 * Memory on OTel: gauges for the JS heap, DOM nodes, (opt-in) live event listeners, live tracked
 * objects and suspected leaks; `trackLifecycle` / `markDisposed` / `detectLeaks` for objects that
 * outlive their disposal; heap snapshots with a growth rate and a `ui.memory.growth` event when
 * growth stays over the threshold.
 */
export class MemoryInstrumentation extends InstrumentationBase<MemoryInstrumentationConfig> {
  declare private snapshots: HeapSnapshot[] | undefined;
  declare private overThreshold: number | undefined;
  declare private timer: ReturnType<typeof setInterval> | undefined;
  declare private listenerCounter: ListenerCounter | undefined;
  declare private uaBytes: number | undefined;
  declare private uaPending: boolean | undefined;
  declare private on: boolean | undefined;

  /** Throws FrametelConfigError for a bad option (see MemoryInstrumentationConfig, defaults in MEMORY_DEFAULTS). */
  constructor(config: MemoryInstrumentationConfig = {}) {
    super('frametel/memory', VERSION, checkMemoryOptions(config));
  }

  /** Validates like the constructor: a bad option throws FrametelConfigError and the current config stays. */
  override setConfig(config: MemoryInstrumentationConfig = {}): void {
    super.setConfig(checkMemoryOptions(config));
  }

  protected override init(): void {}

  /** In `ft.diagnostics().instrumentations['frametel/memory']`: trackLifecycle() calls ignored (registry full). */
  diagnostics(): { lifecycleTrackDropped: number } {
    return { lifecycleTrackDropped: this.lifecycle.dropped };
  }

  /** The shared registry (trackLifecycle / markDisposed from frametel/memory feed it too). */
  private get lifecycle(): LifecycleRegistry {
    return sharedLifecycle;
  }

  /**
   * The latest heap figure: measureUserAgentSpecificMemory's (whole agent, all realms; refreshed
   * asynchronously on each snapshot tick, as browsers answer it only after a GC) when the page is
   * cross-origin isolated, else performance.memory or process.memoryUsage.
   */
  heapReading(): HeapReading | undefined {
    return this.uaBytes !== undefined
      ? { bytes: this.uaBytes, source: 'measureUserAgentSpecificMemory' }
      : heapReading();
  }

  private measureUserAgentMemory(): void {
    if (this.uaPending || !canMeasureUserAgentMemory()) return;
    this.uaPending = true;
    try {
      perf()!.measureUserAgentSpecificMemory!()
        .then(
          (result) => {
            if (typeof result?.bytes === 'number' && this.on) this.uaBytes = result.bytes;
          },
          (error: unknown) => diag.debug('frametel memory: measureUserAgentSpecificMemory failed', error),
        )
        .finally(() => {
          this.uaPending = false;
        });
    } catch (error) {
      this.uaPending = false;
      diag.debug('frametel memory: measureUserAgentSpecificMemory threw', error);
    }
  }

  protected override _updateMetricInstruments(): void {
    const heap = this.meter.createObservableGauge(METRIC_UI_MEMORY_HEAP_USED, {
      unit: 'By',
      description: 'JS heap in use',
      valueType: ValueType.INT,
    });
    const dom = this.meter.createObservableGauge(METRIC_UI_MEMORY_DOM_NODES, {
      unit: '{node}',
      description: 'Elements in the document',
      valueType: ValueType.INT,
    });
    const listeners = this.meter.createObservableGauge(METRIC_UI_MEMORY_LISTENERS, {
      unit: '{listener}',
      description: 'Live event listeners (countListeners)',
      valueType: ValueType.INT,
    });
    const tracked = this.meter.createObservableGauge(METRIC_UI_MEMORY_TRACKED, {
      unit: '{object}',
      description: 'Live tracked objects by kind',
      valueType: ValueType.INT,
    });
    const leaks = this.meter.createObservableGauge(METRIC_UI_MEMORY_LEAKS, {
      unit: '{object}',
      description: 'Disposed objects still reachable after 10 s, by kind',
      valueType: ValueType.INT,
    });
    const guard = (fn: (r: ObservableResult) => void) => (r: ObservableResult) => {
      if (!this.on) return;
      try {
        fn(r);
      } catch (error) {
        diag.error('frametel memory: a gauge callback failed', error);
      }
    };
    heap.addCallback(
      guard((r) => {
        const h = this.heapReading();
        if (h) r.observe(h.bytes, { [ATTR_UI_MEMORY_SOURCE]: h.source });
      }),
    );
    dom.addCallback(
      guard((r) => {
        if (typeof document !== 'undefined') r.observe(document.getElementsByTagName('*').length);
      }),
    );
    listeners.addCallback(
      guard((r) => {
        if (this.listenerCounter?.patched) r.observe(this.listenerCounter.live);
      }),
    );
    tracked.addCallback(
      guard((r) => {
        for (const [kind, n] of this.lifecycle.liveByKind()) r.observe(n, { [ATTR_UI_MEMORY_KIND]: kind });
      }),
    );
    leaks.addCallback(
      guard((r) => {
        const byKind = new Map<string, number>();
        for (const l of this.lifecycle.leaks(LEAK_MIN_AGE_MS)) byKind.set(l.kind, (byKind.get(l.kind) ?? 0) + 1);
        for (const [kind, n] of byKind) r.observe(n, { [ATTR_UI_MEMORY_KIND]: kind });
      }),
    );
  }

  override enable(): void {
    if (this.on) return;
    this.on = true;
    this.measureUserAgentMemory();
    const every = this._config.snapshotIntervalMs ?? MEMORY_DEFAULTS.snapshotIntervalMs;
    if (every > 0) {
      this.timer = setInterval(() => {
        this.measureUserAgentMemory();
        this.snapshot();
      }, every);
      (this.timer as { unref?: () => void }).unref?.();
    }
    if (this._config.countListeners ?? MEMORY_DEFAULTS.countListeners)
      (this.listenerCounter ??= new ListenerCounter()).patch();
  }

  override disable(): void {
    if (!this.on) return;
    this.on = false;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.listenerCounter?.restore();
    this.listenerCounter = undefined;
    this.uaBytes = undefined;
  }

  /** Live event listeners counted since enable (countListeners: true), else undefined. */
  liveListeners(): number | undefined {
    return this.listenerCounter?.patched ? this.listenerCounter.live : undefined;
  }

  /** Starts tracking `obj` (a component instance, a table row, a subscription…). */
  trackLifecycle(obj: object, kind: string, name: string): void {
    this.lifecycle.track(obj, kind, name);
  }

  /** Marks `obj` as disposed: from now on it should become unreachable. */
  markDisposed(obj: object): void {
    this.lifecycle.markDisposed(obj);
  }

  /** Disposed objects still reachable at least `minAgeMs` after their disposal (default 10 s). */
  detectLeaks(minAgeMs = LEAK_MIN_AGE_MS): SuspectedLeak[] {
    return this.lifecycle.leaks(minAgeMs);
  }

  /** Records a heap snapshot and checks sustained growth; returns the current growth rate (bytes/min). */
  snapshot(): number {
    const reading = this.heapReading();
    if (reading === undefined) return 0;
    const bytes = reading.bytes;
    const list = (this.snapshots ??= []);
    list.push({ at: Date.now(), bytes });
    if (list.length > MAX_SNAPSHOTS) list.shift();
    const rate = growthRate(
      list.slice(-Math.max(2, this._config.sustainedSnapshots ?? MEMORY_DEFAULTS.sustainedSnapshots)),
    );
    const threshold = this._config.growthThresholdBytesPerMin ?? MEMORY_DEFAULTS.growthThresholdBytesPerMin;
    this.overThreshold = rate > threshold ? (this.overThreshold ?? 0) + 1 : 0;
    if (this.overThreshold === (this._config.sustainedSnapshots ?? MEMORY_DEFAULTS.sustainedSnapshots)) {
      this.logger.emit({
        eventName: EVENT_UI_MEMORY_GROWTH,
        severityNumber: SeverityNumber.WARN,
        severityText: 'WARN',
        attributes: {
          [ATTR_UI_MEMORY_GROWTH_RATE]: Math.round(rate),
          [METRIC_UI_MEMORY_HEAP_USED]: bytes,
          [ATTR_UI_MEMORY_SOURCE]: reading.source,
        },
      });
    }
    return rate;
  }

  /** Heap snapshots kept (newest last). */
  heapSnapshots(): HeapSnapshot[] {
    return [...(this.snapshots ?? [])];
  }
}
