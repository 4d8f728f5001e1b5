import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/** Options shared by the signal instrumentations. */
export interface SignalsInstrumentationConfig extends InstrumentationConfig {
  /**
   * More writes than this to one signal within one frame (`frameMs`) emit one
   * `ui.signal.excessive_updates` event for that signal and frame. Default `SIGNALS_DEFAULTS.maxUpdatesPerFrame` (50).
   */
  maxUpdatesPerFrame?: number;
  /** Length of the "frame" window for `maxUpdatesPerFrame`, in ms. Default `SIGNALS_DEFAULTS.frameMs` (16.7, 60 Hz). */
  frameMs?: number;
  /**
   * Record the written value (stringified, at most 120 characters) as `ui.signal.value`, and
   * keep each changing write's previous and next value (structured clones, at most 16 KiB each,
   * the last 200 writes) for the DevTools' state diff (`recentValueChanges()`). A development
   * option: off by default, since signal values are app data and may be personal. Default
   * `SIGNALS_DEFAULTS.recordValues` (false).
   */
  recordValues?: boolean;
}

/** A node of the signal graph. */
export interface SignalGraphNode {
  id: string;
  name: string;
  kind: 'signal' | 'computed' | 'effect';
}

/** Signal → computed → effect dependencies, as the library tracks them right now. */
export interface SignalGraph {
  nodes: SignalGraphNode[];
  /** `from` is read by `to`. */
  edges: Array<{ from: string; to: string }>;
}
