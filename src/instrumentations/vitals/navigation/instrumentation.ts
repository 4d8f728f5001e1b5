import type { Span } from '@opentelemetry/api';
import {
  DocumentLoadInstrumentation,
  type DocumentLoadInstrumentationConfig,
} from '@opentelemetry/instrumentation-document-load';
import { checkObject, fail } from '../../../config/checks.js';
import { invalid } from '../../../config/errors.js';
import {
  BOOLEAN_RULE,
  ENABLED_RULE,
  type OptionSchema,
  validateInstrumentationOptions,
} from '../../../config/instrumentation-options.js';
import { ATTR_UI_OPERATION, OP_NAVIGATION } from '../../../semconv.js';

export type NavigationInstrumentationConfig = DocumentLoadInstrumentationConfig;

const HOOKS = ['documentLoad', 'documentFetch', 'resourceFetch'];
const SCHEMA: OptionSchema = {
  enabled: ENABLED_RULE,
  ignoreNetworkEvents: BOOLEAN_RULE,
  ignorePerformancePaintEvents: BOOLEAN_RULE,
  applyCustomAttributesOnSpan: {
    check: (path, value) => {
      for (const [key, fn] of Object.entries(checkObject(path, value, HOOKS))) {
        if (fn !== undefined && typeof fn !== 'function') fail(invalid(`${path}.${key}`, 'a function', fn));
      }
    },
  },
};

/**
 * The page load as a trace: `@opentelemetry/instrumentation-document-load` (maintained by OTel,
 * on the same 0.223 line as frametel's other instrumentations), whose `documentLoad` root span
 * (fetch start … load event end, with `documentFetch` and `resourceFetch` children) also gets
 * `ui.operation = navigation`, so the `navigation` budget and frametel's stats apply to it. The
 * user's own `applyCustomAttributesOnSpan.documentLoad` still runs, after frametel's.
 */
/** The validated config with frametel's `documentLoad` hook in front of the user's. */
function withOperation(config: NavigationInstrumentationConfig | undefined): NavigationInstrumentationConfig {
  const valid = validateInstrumentationOptions('NavigationInstrumentation', config, SCHEMA);
  const user = valid.applyCustomAttributesOnSpan?.documentLoad;
  return {
    ...valid,
    applyCustomAttributesOnSpan: {
      ...valid.applyCustomAttributesOnSpan,
      documentLoad: (span: Span) => {
        span.setAttribute(ATTR_UI_OPERATION, OP_NAVIGATION);
        user?.(span);
      },
    },
  };
}

export class NavigationInstrumentation extends DocumentLoadInstrumentation {
  constructor(config: NavigationInstrumentationConfig = {}) {
    super(withOperation(config));
  }

  /** Validated like the constructor; `ui.operation = navigation` survives a new config. */
  override setConfig(config: NavigationInstrumentationConfig = {}): void {
    super.setConfig(withOperation(config));
  }
}
