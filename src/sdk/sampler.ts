import { trace, type Context } from '@opentelemetry/api';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace-base';

const RECORD_AND_SAMPLE: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED });
// Sampled-out operations are still recorded (not exported) so budgets, stats and metrics see them.
const RECORD_ONLY: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD });

/**
 * One decision for the whole page session: a session is all in or all out, so a trace is never
 * cut in half. Children follow their parent. Nothing is ever NOT_RECORD.
 */
export class SessionSampler implements Sampler {
  constructor(readonly sampled: boolean) {}

  shouldSample(context: Context): SamplingResult {
    const parent = trace.getSpanContext(context);
    if (parent !== undefined && trace.isSpanContextValid(parent)) {
      return (parent.traceFlags & 1) === 1 ? RECORD_AND_SAMPLE : RECORD_ONLY;
    }
    return this.sampled ? RECORD_AND_SAMPLE : RECORD_ONLY;
  }

  toString(): string {
    return `FrametelSessionSampler{sampled=${this.sampled}}`;
  }
}

const STORAGE_PREFIX = 'frametel.sampled:';

/**
 * Draws the session's sampling decision, reusing the one stored in sessionStorage for the same
 * service and rate so reloads in one tab stay consistent. Storage may be missing or throw
 * (Node, privacy modes): then the decision holds for this page only.
 */
export function sessionSamplingDecision(
  serviceName: string,
  rate: number,
  random: () => number = Math.random,
): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  const key = STORAGE_PREFIX + serviceName;
  let storage: Storage | undefined;
  try {
    storage = (globalThis as { sessionStorage?: Storage }).sessionStorage;
    const stored = storage?.getItem(key);
    if (stored) {
      const [storedRate, decision] = stored.split('|');
      if (Number(storedRate) === rate && (decision === '1' || decision === '0')) return decision === '1';
    }
  } catch {
    storage = undefined;
  }
  const sampled = random() < rate;
  try {
    storage?.setItem(key, `${rate}|${sampled ? '1' : '0'}`);
  } catch {
    // Quota or privacy mode: the in-memory decision is still consistent for this page.
  }
  return sampled;
}
