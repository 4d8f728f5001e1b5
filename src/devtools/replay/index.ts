export { recordSession, describeTarget, RECORD_DEFAULTS } from './record.js';
export type { RecordOptions, SessionRecorder } from './record.js';
export { replaySession, REPLAY_DEFAULTS } from './replay.js';
export type { ReplayOptions, ReplayReport, ReplayedGroup, ReplayedStep } from './replay.js';
export { parseRecording, RECORDING_SCHEMA, RECORDING_VERSION, TABLE_SLICES } from './schema.js';
export type {
  InteractionStep,
  RecordedChange,
  RecordedGroup,
  RecordedOperation,
  RecordedStep,
  RecordedValue,
  Recording,
  SignalStep,
  TableSlice,
  TableStep,
} from './schema.js';
export { compareOperations } from './operations.js';
export type { OperationComparison } from './operations.js';
export type { SignalLike, TableLike, Targets } from './targets.js';
export { sessionSection, reportTable } from './section.js';
export type { SessionSectionOptions } from './section.js';
