import type { Attributes, Context, Tracer } from '@opentelemetry/api';
import {
  ATTR_UI_LOAF_BLOCKING_DURATION_MS,
  ATTR_UI_LOAF_RENDER_DURATION_MS,
  ATTR_UI_LOAF_SCRIPT_CHAR_POSITION,
  ATTR_UI_LOAF_SCRIPT_DURATION_MS,
  ATTR_UI_LOAF_SCRIPT_FORCED_STYLE_LAYOUT_MS,
  ATTR_UI_LOAF_SCRIPT_FUNCTION_NAME,
  ATTR_UI_LOAF_SCRIPT_INVOKER,
  ATTR_UI_LOAF_SCRIPT_INVOKER_TYPE,
  ATTR_UI_LOAF_SCRIPT_SOURCE_URL,
  ATTR_UI_LOAF_SCRIPTS,
  ATTR_UI_LOAF_STYLE_LAYOUT_DURATION_MS,
  ATTR_UI_OPERATION,
  EVENT_UI_LOAF_SCRIPT,
  OP_LONG_ANIMATION_FRAME,
} from '../../../semconv.js';
import { endOf, withoutQuery } from '../support.js';

/**
 * Long animation frames (LoAF, Chromium 123+): a `long-animation-frame` entry is a frame that
 * took more than 50 ms from its first task to its paint, with the scripts that ran in it. These
 * pure functions turn one entry into span attributes and span events; the instrumentation
 * decides the parent (the interaction the frame overlaps).
 */

/** The PerformanceScriptTiming fields frametel reads. */
export interface LoafScript {
  readonly startTime: number;
  readonly duration: number;
  readonly invoker?: string;
  readonly invokerType?: string;
  readonly sourceURL?: string;
  readonly sourceFunctionName?: string;
  readonly sourceCharPosition?: number;
  readonly forcedStyleAndLayoutDuration?: number;
}

/** The PerformanceLongAnimationFrameTiming fields frametel reads. */
export interface LoafEntry {
  readonly startTime: number;
  readonly duration: number;
  readonly blockingDuration?: number;
  readonly renderStart?: number;
  readonly styleAndLayoutStart?: number;
  readonly scripts?: readonly LoafScript[];
}

/** ms the intervals [aStart, aEnd] and [bStart, bEnd] share (0 when disjoint). */
export function overlapMs(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}

/** Span attributes of a long animation frame. */
export function loafAttributes(entry: LoafEntry): Attributes {
  const end = endOf(entry);
  const attributes: Attributes = {
    [ATTR_UI_OPERATION]: OP_LONG_ANIMATION_FRAME,
    [ATTR_UI_LOAF_BLOCKING_DURATION_MS]: entry.blockingDuration ?? 0,
    [ATTR_UI_LOAF_SCRIPTS]: entry.scripts?.length ?? 0,
  };
  // 0 means the frame rendered nothing (no rendering update happened).
  if (entry.renderStart) attributes[ATTR_UI_LOAF_RENDER_DURATION_MS] = Math.max(0, end - entry.renderStart);
  if (entry.styleAndLayoutStart)
    attributes[ATTR_UI_LOAF_STYLE_LAYOUT_DURATION_MS] = Math.max(0, end - entry.styleAndLayoutStart);
  return attributes;
}

/** Attributes of one script's `ui.loaf.script` event. */
export function scriptAttributes(script: LoafScript): Attributes {
  const attributes: Attributes = {
    [ATTR_UI_LOAF_SCRIPT_INVOKER]: script.invoker ?? '',
    [ATTR_UI_LOAF_SCRIPT_INVOKER_TYPE]: script.invokerType ?? '',
    [ATTR_UI_LOAF_SCRIPT_SOURCE_URL]: withoutQuery(script.sourceURL ?? ''),
    [ATTR_UI_LOAF_SCRIPT_FUNCTION_NAME]: script.sourceFunctionName ?? '',
    [ATTR_UI_LOAF_SCRIPT_DURATION_MS]: script.duration,
    [ATTR_UI_LOAF_SCRIPT_FORCED_STYLE_LAYOUT_MS]: script.forcedStyleAndLayoutDuration ?? 0,
  };
  if (typeof script.sourceCharPosition === 'number' && script.sourceCharPosition >= 0)
    attributes[ATTR_UI_LOAF_SCRIPT_CHAR_POSITION] = script.sourceCharPosition;
  return attributes;
}

/** The longest script of the entries (INP attribution), or undefined when they have none. */
export function longestScript(entries: readonly LoafEntry[]): LoafScript | undefined {
  let longest: LoafScript | undefined;
  for (const entry of entries)
    for (const script of entry.scripts ?? []) if (!longest || script.duration > longest.duration) longest = script;
  return longest;
}

/**
 * Records `entry` as a `long_animation_frame` span under `parent`, with one `ui.loaf.script`
 * event per script of at least `minScriptDurationMs`. Times are performance.now()-clock ms.
 */
export function recordLoaf(tracer: Tracer, entry: LoafEntry, parent: Context, minScriptDurationMs: number): void {
  const origin = performance.timeOrigin;
  const span = tracer.startSpan(
    OP_LONG_ANIMATION_FRAME,
    { startTime: origin + entry.startTime, attributes: loafAttributes(entry) },
    parent,
  );
  for (const script of entry.scripts ?? [])
    if (script.duration >= minScriptDurationMs)
      span.addEvent(EVENT_UI_LOAF_SCRIPT, scriptAttributes(script), origin + script.startTime);
  span.end(origin + endOf(entry));
}
