import { OperationStatsBase, type OperationStatsOptions } from './operation-stats-base.js';
import { createSketch } from './typed-store.js';

export {
  MAX_RAW_SAMPLES,
  OperationStatsBase,
  STATS_DEFAULTS,
  type OperationMetrics,
  type OperationStatsOptions,
  type SketchFactory,
} from './operation-stats-base.js';

/**
 * OperationStatsBase with the sketch code imported up front: a sketch per operation from the
 * first sample. For standalone use (the network instrumentation, a plain SDK); register()'s
 * handle uses OperationStatsBase and gets the sketch code with the lazily loaded pipeline chunk.
 */
export class OperationStats extends OperationStatsBase {
  constructor(options: OperationStatsOptions = {}) {
    super(options, createSketch);
  }
}
