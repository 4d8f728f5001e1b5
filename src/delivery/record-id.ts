import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import { ATTR_LOG_RECORD_UID } from '../semconv.js';

/** 32 random hex digits (crypto.getRandomValues: also in insecure contexts, unlike randomUUID). */
export function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b + 256).toString(16).slice(1)).join('');
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
