import type { Span } from '@opentelemetry/api';
import {
  DocumentLoadInstrumentation,
  type DocumentLoadInstrumentationConfig,
} from '@opentelemetry/instrumentation-document-load';
import { checkBoolean, checkObject, fail } from '../../../config/checks.js';
import { invalid } from '../../../config/errors.js';
import { ATTR_UI_OPERATION, OP_NAVIGATION } from '../../../semconv.js';

export type NavigationInstrumentationConfig = DocumentLoadInstrumentationConfig;

const PATH = 'new NavigationInstrumentation(config)';
const KEYS = ['enabled', 'applyCustomAttributesOnSpan', 'ignoreNetworkEvents', 'ignorePerformancePaintEvents'];
const HOOKS = ['documentLoad', 'documentFetch', 'resourceFetch'];

function validate(config: unknown): NavigationInstrumentationConfig {
  const c = checkObject(PATH, config ?? {}, KEYS);
  for (const key of ['enabled', 'ignoreNetworkEvents', 'ignorePerformancePaintEvents']) {
    if (c[key] !== undefined) checkBoolean(`${PATH}.${key}`, c[key]);
  }
  if (c.applyCustomAttributesOnSpan !== undefined) {
    const hooks = checkObject(`${PATH}.applyCustomAttributesOnSpan`, c.applyCustomAttributesOnSpan, HOOKS);
    for (const [key, fn] of Object.entries(hooks)) {
      if (fn !== undefined && typeof fn !== 'function')
        fail(invalid(`${PATH}.applyCustomAttributesOnSpan.${key}`, 'a function', fn));
    }
  }
  return c as NavigationInstrumentationConfig;
}

/**
 * The page load as a trace: `@opentelemetry/instrumentation-document-load` (maintained by OTel,
 * on the same 0.223 line as frametel's other instrumentations), whose `documentLoad` root span
 * (fetch start … load event end, with `documentFetch` and `resourceFetch` children) also gets
 * `ui.operation = navigation`, so the `navigation` budget and frametel's stats apply to it. The
 * user's own `applyCustomAttributesOnSpan.documentLoad` still runs, after frametel's.
 */
export class NavigationInstrumentation extends DocumentLoadInstrumentation {
  constructor(config: NavigationInstrumentationConfig = {}) {
    const valid = validate(config);
    const user = valid.applyCustomAttributesOnSpan?.documentLoad;
    super({
      ...valid,
      applyCustomAttributesOnSpan: {
        ...valid.applyCustomAttributesOnSpan,
        documentLoad: (span: Span) => {
          span.setAttribute(ATTR_UI_OPERATION, OP_NAVIGATION);
          user?.(span);
        },
      },
    });
  }
}
