import type { EventTimingEntry, LoafEntry } from '../../../src/instrumentations/vitals/interactions/index.js';

/**
 * A PerformanceObserver stand-in for happy-dom / Node: the test decides which entry types exist
 * and delivers entries (in any order, in any batch) with deliver().
 */
export class FakePerformanceObserver {
  static supportedEntryTypes: string[] = ['event', 'first-input', 'long-animation-frame'];
  static instances: FakePerformanceObserver[] = [];
  readonly observed: Array<{ type?: string; durationThreshold?: number; buffered?: boolean }> = [];
  connected = true;

  constructor(private readonly callback: (list: { getEntries(): unknown[] }) => void) {
    FakePerformanceObserver.instances.push(this);
  }

  observe(options: { type?: string; durationThreshold?: number; buffered?: boolean }): void {
    this.observed.push(options);
  }

  disconnect(): void {
    this.connected = false;
  }

  /** Delivers one batch to every connected observer. */
  static deliver(...entries: Array<EventEntry | FrameEntry>): void {
    for (const o of FakePerformanceObserver.instances)
      if (o.connected) o.callback({ getEntries: () => entries as unknown[] });
  }

  static reset(types = ['event', 'first-input', 'long-animation-frame']): void {
    FakePerformanceObserver.supportedEntryTypes = types;
    FakePerformanceObserver.instances = [];
  }
}

export type EventEntry = EventTimingEntry & { entryType: 'event' | 'first-input' };
export type FrameEntry = LoafEntry & { entryType: 'long-animation-frame' };

/** An Event Timing entry: processing from +inputDelay for `processing` ms, paint at +duration. */
export function eventEntry(
  name: string,
  startTime: number,
  duration: number,
  extra: Partial<{ inputDelay: number; processing: number; interactionId: number; target: unknown }> = {},
): EventEntry {
  const processingStart = startTime + (extra.inputDelay ?? 2);
  return {
    entryType: 'event',
    name,
    startTime,
    duration,
    processingStart,
    processingEnd: processingStart + (extra.processing ?? 5),
    interactionId: extra.interactionId ?? 0,
    target: extra.target ?? null,
  };
}

export function frameEntry(startTime: number, duration: number, scripts: LoafEntry['scripts'] = []): FrameEntry {
  return {
    entryType: 'long-animation-frame',
    startTime,
    duration,
    blockingDuration: Math.max(0, duration - 50),
    renderStart: startTime + duration - 10,
    styleAndLayoutStart: startTime + duration - 6,
    scripts,
  };
}

/** Dispatches a trusted-looking event with a chosen timeStamp (happy-dom's events are untrusted). */
export function userEvent(target: EventTarget, type: string, timeStamp: number): Event {
  const event = type.startsWith('key')
    ? new KeyboardEvent(type, { bubbles: true })
    : new MouseEvent(type, { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  Object.defineProperty(event, 'timeStamp', { value: timeStamp });
  target.dispatchEvent(event);
  return event;
}

/** Lets the instrumentation's next-task callback (and timers up to `ms`) run. */
export function nextTask(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
