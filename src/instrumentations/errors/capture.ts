import ErrorStackParserModule from 'error-stack-parser';
import type { CapturedError, CaptureOptions, ErrorFrame } from './types.js';

type Parser = {
  parse(error: Error): Array<{ functionName?: string; fileName?: string; lineNumber?: number; columnNumber?: number }>;
};
// The package is UMD with `module.exports.default`: resolve the parser however it was loaded.
const moduleValue = ErrorStackParserModule as unknown as Parser & { default?: Parser };
const parser: Parser = typeof moduleValue.parse === 'function' ? moduleValue : moduleValue.default!;

/** Frames of an error, parsed by error-stack-parser (Chrome, Firefox, Safari and Node formats). */
export function framesOf(error: unknown, max: number): ErrorFrame[] {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return [];
  try {
    return parser
      .parse(error)
      .slice(0, max)
      .map((f) => ({ function: f.functionName, file: f.fileName, line: f.lineNumber, column: f.columnNumber }));
  } catch {
    return [];
  }
}

export function frameToString(f: ErrorFrame): string {
  return `${f.function ?? '<anonymous>'} (${f.file ?? '?'}:${f.line ?? '?'}:${f.column ?? '?'})`;
}

/** Anything thrown → a CapturedError (non-Errors keep a readable message). */
export function toCaptured(
  thrown: unknown,
  source: string,
  handled: boolean,
  options: CaptureOptions,
  defaults: Record<string, string>,
  maxFrames: number,
): CapturedError {
  const error = thrown instanceof Error ? thrown : undefined;
  let message: string;
  if (error) message = error.message;
  else if (typeof thrown === 'string') message = thrown;
  else {
    try {
      message = JSON.stringify(thrown) ?? String(thrown);
    } catch {
      message = String(thrown);
    }
  }
  return {
    type: error ? error.name || error.constructor?.name || 'Error' : typeof thrown,
    message,
    stacktrace: error?.stack,
    frames: framesOf(error, maxFrames),
    source,
    handled,
    tags: { ...defaults, ...options.tags },
    contexts: { ...options.contexts },
    user: options.user,
  };
}

/** Deduplication key: identical type, message and top frame are one error. */
export function fingerprint(e: CapturedError): string {
  const top = e.frames[0];
  return `${e.type}\u0000${e.message}\u0000${top ? frameToString(top) : ''}`;
}
