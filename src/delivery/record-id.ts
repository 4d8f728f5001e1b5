import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import { ATTR_LOG_RECORD_UID } from '../semconv.js';
import { randomId } from './payload.js';

/**
 * Gives every log record a `log.record.uid` before any exporter sees it, so a record re-sent from
 * storage carries the id of its first attempt and a back end can tell a re-send from a new record.
 */
export class RecordIdProcessor implements LogRecordProcessor {
  onEmit(record: SdkLogRecord): void {
    if (record.attributes[ATTR_LOG_RECORD_UID] === undefined) record.setAttribute(ATTR_LOG_RECORD_UID, randomId());
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
