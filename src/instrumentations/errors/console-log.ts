import { trace, type Attributes } from '@opentelemetry/api';
import { currentRenderScope } from '../../context/render-scope.js';
import { ATTR_UI_COMPONENT_NAME, ATTR_UI_OPERATION } from '../../semconv.js';

/** Console calls kept in page for the DevTools' console panel (the oldest are forgotten). */
export const MAX_CONSOLE_ENTRIES = 200;
/** Longest message kept, characters. */
const MAX_MESSAGE_LENGTH = 300;

/** One captured console call, with what was running when it was made. */
export interface ConsoleEntry {
  level: 'error' | 'warn';
  message: string;
  /** Epoch ms. */
  time: number;
  /** The RenderBoundary being rendered, else the active span's `ui.component.name`. */
  component?: string;
  /** The active span's `ui.operation` (e.g. `signal.update`, `table.sort`). */
  operation?: string;
  traceId?: string;
  spanId?: string;
}

const activeAttributes = (): Attributes | undefined =>
  (trace.getActiveSpan() as { attributes?: Attributes } | undefined)?.attributes;

/**
 * The component a console call or error belongs to: the boundary React is rendering (see
 * render-scope), else the active span's `ui.component.name` (a traced render, a component's span).
 */
export function contextComponent(): string | undefined {
  const scoped = currentRenderScope();
  if (scoped !== undefined) return scoped;
  const name = activeAttributes()?.[ATTR_UI_COMPONENT_NAME];
  return typeof name === 'string' ? name : undefined;
}

function text(args: unknown[]): string {
  const parts = args.map((a) => {
    try {
      return a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : String(a);
    } catch {
      return '[unprintable]';
    }
  });
  const joined = parts.join(' ');
  return joined.length > MAX_MESSAGE_LENGTH ? `${joined.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : joined;
}

/** The bounded in-page log of console calls. */
export class ConsoleLog {
  private readonly entries: ConsoleEntry[] = [];

  add(level: ConsoleEntry['level'], args: unknown[]): void {
    const entry: ConsoleEntry = { level, message: text(args), time: Date.now() };
    const component = contextComponent();
    if (component !== undefined) entry.component = component;
    const operation = activeAttributes()?.[ATTR_UI_OPERATION];
    if (typeof operation === 'string') entry.operation = operation;
    const span = trace.getActiveSpan();
    if (span) {
      const { traceId, spanId } = span.spanContext();
      entry.traceId = traceId;
      entry.spanId = spanId;
    }
    this.entries.push(entry);
    if (this.entries.length > MAX_CONSOLE_ENTRIES) this.entries.shift();
  }

  /** The n most recent entries, newest first. */
  recent(n: number): ConsoleEntry[] {
    return this.entries.slice(-Math.max(0, n)).reverse();
  }
}
