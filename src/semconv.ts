/**
 * Every span, attribute, metric and event name frametel emits. This file and
 * docs/semantic-conventions.md are the single truth: change both together.
 *
 * OpenTelemetry has no semantic conventions for UI components, signals or data grids yet, so
 * frametel defines them under `ui.*`, following OTel naming rules: histogram durations are in
 * seconds; the `_ms` suffix is only used on attributes that carry milliseconds.
 */

// ---------------------------------------------------------------- attributes: every frametel span
/** Canonical operation key on every frametel span (`table.sort`, `component.render`, a track() key…). */
export const ATTR_UI_OPERATION = 'ui.operation';
/** OTel SDK convention: the data point that aggregates measurements past a cardinality limit. */
export const ATTR_OTEL_METRIC_OVERFLOW = 'otel.metric.overflow';

// ---------------------------------------------------------------- attributes: subjects
/** React component name (`render {component}` spans). */
export const ATTR_UI_COMPONENT_NAME = 'ui.component.name';
/** `mount` | `update` | `nested-update`. */
export const ATTR_UI_RENDER_PHASE = 'ui.render.phase';
/** React's baseDuration: the cost of re-rendering the whole subtree without memoisation. */
export const ATTR_UI_RENDER_BASE_DURATION_MS = 'ui.render.base_duration_ms';
/** Signal name (its `name` option, else a stable generated id). */
export const ATTR_UI_SIGNAL_NAME = 'ui.signal.name';
/** Effects and computeds re-run by one signal write. */
export const ATTR_UI_SIGNAL_EFFECTS_RUN = 'ui.signal.effects_run';
/** Table name given to the table instrumentation. */
export const ATTR_UI_TABLE_NAME = 'ui.table.name';
export const ATTR_UI_TABLE_ROWS_IN = 'ui.table.rows_in';
export const ATTR_UI_TABLE_ROWS_OUT = 'ui.table.rows_out';
/** User Timing measure name (`measure {name}` spans, frametel/vitals): the subject of `measure:<name>` budgets. */
export const ATTR_UI_MEASURE_NAME = 'ui.measure.name';
/** Short CSS-selector-like path of the event target (tag, #id, .classes, [data-testid]); never text or values. */
export const ATTR_UI_INTERACTION_TARGET = 'ui.interaction.target';

/**
 * The span attributes that name an operation's subject, in lookup order. A budget key
 * `operation:subject` matches a span whose operation is `operation` and whose first present
 * subject attribute equals `subject`.
 */
export const SUBJECT_ATTRIBUTES = [
  ATTR_UI_COMPONENT_NAME,
  ATTR_UI_SIGNAL_NAME,
  ATTR_UI_TABLE_NAME,
  ATTR_UI_MEASURE_NAME,
  ATTR_UI_INTERACTION_TARGET,
] as const;

// ---------------------------------------------------------------- attributes: budgets
/** The budget that applied to the span, in ms (set on every span that has a budget). */
export const ATTR_UI_BUDGET_MS = 'ui.budget.ms';
/** true when the span's duration was strictly above its budget. */
export const ATTR_UI_BUDGET_EXCEEDED = 'ui.budget.exceeded';
/** `warning` | `error` | `critical` (set on violations). */
export const ATTR_UI_BUDGET_SEVERITY = 'ui.budget.severity';
/** `userVisible` | `background` (set on violations). */
export const ATTR_UI_BUDGET_IMPACT = 'ui.budget.impact';
/** The measured duration in ms (on violation events and log records). */
export const ATTR_UI_BUDGET_ACTUAL_MS = 'ui.budget.actual_ms';
/** Unitless measurements (CLS): the measured value, on the violation log record (instead of actual_ms). */
export const ATTR_UI_BUDGET_ACTUAL = 'ui.budget.actual';
/** Unitless measurements (CLS): the budget, on the violation and web-vital log records (instead of ui.budget.ms). */
export const ATTR_UI_BUDGET_LIMIT = 'ui.budget.limit';

// ---------------------------------------------------------------- operation keys
export const OP_COMPONENT_RENDER = 'component.render';
export const OP_SIGNAL_UPDATE = 'signal.update';
export const OP_SIGNAL_BATCH = 'signal.batch';
export const OP_TABLE_ROW_MODEL = 'table.row_model';
export const OP_TABLE_FILTER = 'table.filter';
export const OP_TABLE_SORT = 'table.sort';
export const OP_TABLE_GROUP = 'table.group';
export const OP_TABLE_EXPAND = 'table.expand';
export const OP_TABLE_PAGINATE = 'table.paginate';
export const OP_TABLE_SELECT = 'table.select';
export const OP_TABLE_STATE_CHANGE = 'table.state_change';
export const OP_FETCH = 'fetch';

// ---------------------------------------------------------------- events (span events and log event names)
/** A span broke its budget: span event on the span, and a log record in its trace context. */
export const EVENT_UI_BUDGET_VIOLATION = 'ui.budget.violation';
export const EVENT_UI_SIGNAL_CYCLE = 'ui.signal.cycle';
export const EVENT_UI_SIGNAL_EXCESSIVE_UPDATES = 'ui.signal.excessive_updates';

// ---------------------------------------------------------------- metrics
/** Histogram (s) of every frametel span's duration, by ui.operation. */
export const METRIC_UI_OPERATION_DURATION = 'ui.operation.duration';
export const METRIC_UI_COMPONENT_RENDER_DURATION = 'ui.component.render.duration';
export const METRIC_UI_SIGNAL_UPDATE_DURATION = 'ui.signal.update.duration';
export const METRIC_UI_TABLE_OPERATION_DURATION = 'ui.table.operation.duration';
/** Counter of budget violations, by ui.operation and ui.budget.severity. */
export const METRIC_UI_BUDGET_VIOLATIONS = 'ui.budget.violations';
export const METRIC_UI_SIGNAL_UPDATES = 'ui.signal.updates';

/**
 * Histogram bucket boundaries in seconds, dense around frame budgets (4/8/16/33/50 ms) so the
 * p95 of a 16 ms budget can be read off the histogram, sparse beyond a second.
 */
export const DURATION_BUCKETS_S = [
  0.0005, 0.001, 0.002, 0.004, 0.008, 0.012, 0.016, 0.025, 0.033, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

// ---------------------------------------------------------------- resource
/** Value of `telemetry.distro.name` (ATTR_TELEMETRY_DISTRO_NAME, below). */
export const DISTRO_NAME = 'frametel';

/** Instrumentation scope name of the spans, metrics and logs the core itself creates. */
export const SCOPE_NAME = 'frametel';

// ---------------------------------------------------------------- collector-derived metrics (otel-collector-config.yaml)
/** Counter: spans with ui.budget.exceeded == true, counted by the collector's count connector, by ui.operation. */
export const METRIC_UI_BUDGET_VIOLATION_SPANS = 'ui.budget.violation.spans';
/** Counter: ui.budget.violation log records, counted by the collector's count connector. */
export const METRIC_UI_BUDGET_VIOLATION_RECORDS = 'ui.budget.violation.records';
/** Counter: spans per ui.operation and ui.budget.exceeded (span_metrics connector, namespace ui.spanmetrics). */
export const METRIC_UI_SPANMETRICS_CALLS = 'ui.spanmetrics.calls';
/** Histogram (s): span durations per ui.operation and ui.budget.exceeded, frame-budget buckets. */
export const METRIC_UI_SPANMETRICS_DURATION = 'ui.spanmetrics.duration';

// ---------------------------------------------------------------- signals (frametel/signals)
/** The written value, stringified and truncated; only with `recordValues: true`. */
export const ATTR_UI_SIGNAL_VALUE = 'ui.signal.value';
/** On `ui.signal.cycle`: the effects/computeds and the signal that form the cycle, outermost first. */
export const ATTR_UI_SIGNAL_CYCLE_PATH = 'ui.signal.cycle.path';
/** On `ui.signal.excessive_updates`: writes of the signal in the frame when the event fired. */
export const ATTR_UI_SIGNAL_UPDATES_IN_FRAME = 'ui.signal.updates_in_frame';

// ---------------------------------------------------------------- tables (frametel/table)
/** On `table.state_change` / `table.select`: the state slice that changed (`sorting`, `columnFilters`, …). */
export const ATTR_UI_TABLE_STATE = 'ui.table.state';
/** On `table.state_change`: whether a row-model recomputation followed before the span ended. */
export const ATTR_UI_TABLE_RECOMPUTED = 'ui.table.recomputed';

// ---------------------------------------------------------------- errors (frametel/errors)
/** Span event name and log record event name of a recorded error (OTel's exception event). */
export const EVENT_EXCEPTION = 'exception';
/** Where the error came from: window.error, unhandledrejection, process.uncaughtException, captureException, react, console.error, console.warn. */
export const ATTR_UI_ERROR_SOURCE = 'ui.error.source';
/** Prefix of one attribute per tag: `ui.error.tag.<key>` (ErrorInstrumentation `tags`, captureException `tags`). */
export const ATTR_UI_ERROR_TAG_PREFIX = 'ui.error.tag.';
/** Prefix of one attribute per context field: `ui.error.context.<name>.<key>`. */
export const ATTR_UI_ERROR_CONTEXT_PREFIX = 'ui.error.context.';
/** false for errors nobody caught. */
export const ATTR_UI_ERROR_HANDLED = 'ui.error.handled';
/** string[]: parsed stack frames, `function (file:line:column)`, innermost first. */
export const ATTR_UI_ERROR_FRAMES = 'ui.error.frames';
/** React's component stack of an error caught by TracedErrorBoundary. */
export const ATTR_UI_COMPONENT_STACK = 'ui.component.stack';
/** Counter of recorded errors, by exception.type and ui.error.source. */
export const METRIC_UI_ERRORS = 'ui.errors';
/** Counter of identical errors folded into an earlier one within the dedupe window. */
export const METRIC_UI_ERRORS_DEDUPLICATED = 'ui.errors.deduplicated';

// ---------------------------------------------------------------- network (frametel/network)
/** Route template of a fetch: method, host when cross-origin, path with ids collapsed to `:id`. */
export const ATTR_UI_NETWORK_ROUTE = 'ui.network.route';
/** Whether Resource Timing says the response came from the HTTP cache. */
export const ATTR_UI_NETWORK_CACHE_HIT = 'ui.network.cache_hit';
/** OTel semconv (incubating, copied): response body size in bytes (Resource Timing encodedBodySize), on fetch/XHR spans. */
export const ATTR_HTTP_RESPONSE_BODY_SIZE = 'http.response.body.size';
/** Deprecated OTel names older upstream instrumentations still set; only read, as fallbacks. */
export const ATTR_HTTP_URL_DEPRECATED = 'http.url';
export const ATTR_HTTP_METHOD_DEPRECATED = 'http.method';

// ---------------------------------------------------------------- memory (frametel/memory)
/** Gauge (By): JS heap in use (performance.memory or process.memoryUsage). */
export const METRIC_UI_MEMORY_HEAP_USED = 'ui.memory.heap.used';
/** Gauge: elements in the document. */
export const METRIC_UI_MEMORY_DOM_NODES = 'ui.memory.dom.nodes';
/** Gauge: live event listeners (only with countListeners). */
export const METRIC_UI_MEMORY_LISTENERS = 'ui.memory.listeners';
/** Gauge: live objects registered with trackLifecycle, by ui.memory.kind. */
export const METRIC_UI_MEMORY_TRACKED = 'ui.memory.tracked';
/** Gauge: disposed objects still reachable 10 s after disposal, by ui.memory.kind. */
export const METRIC_UI_MEMORY_LEAKS = 'ui.memory.leaks';
/** The kind given to trackLifecycle (component, row, subscription…). */
export const ATTR_UI_MEMORY_KIND = 'ui.memory.kind';
/** On ui.memory.growth: the heap growth rate in bytes per minute. */
export const ATTR_UI_MEMORY_GROWTH_RATE = 'ui.memory.growth_rate';
/** Where `ui.memory.heap.used` came from: `performance.memory`, `measureUserAgentSpecificMemory` or `process.memoryUsage`. */
export const ATTR_UI_MEMORY_SOURCE = 'ui.memory.source';
/** Log event: heap growth stayed over the threshold for `sustainedSnapshots` snapshots. */
export const EVENT_UI_MEMORY_GROWTH = 'ui.memory.growth';
/** Gauge: rows that left a table's model ≥ 10 s ago and are still reachable, by ui.table.name. */
export const METRIC_UI_TABLE_ROWS_LEAKED = 'ui.table.rows.leaked';
/** Gauge: columns of a replaced column set ≥ 10 s ago still reachable, by ui.table.name. */
export const METRIC_UI_TABLE_COLUMNS_LEAKED = 'ui.table.columns.leaked';

// ---------------------------------------------------------------- react auto mode (frametel/react)
/** string[]: keys of the props that changed in this render (never the values). */
export const ATTR_UI_RENDER_CHANGED_PROPS = 'ui.render.changed_props';
/** Counter: component renders seen through the DevTools hook, by ui.component.name and ui.render.phase. */
export const METRIC_UI_COMPONENT_RENDERS = 'ui.component.renders';
/** Counter: component mounts, by ui.component.name. */
export const METRIC_UI_COMPONENT_MOUNTS = 'ui.component.mounts';
/** Counter: component unmounts, by ui.component.name. */
export const METRIC_UI_COMPONENT_UNMOUNTS = 'ui.component.unmounts';

// ---------------------------------------------------------------- OpenTelemetry's own names
// Stable names come from @opentelemetry/semantic-conventions (plain string constants: only those
// imported reach a bundle). Incubating ones are copied where used, as OTel advises for libraries.
export {
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_TELEMETRY_DISTRO_NAME,
  ATTR_TELEMETRY_DISTRO_VERSION,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
/** OTel semconv (incubating, copied): the app's user id, from CaptureOptions.user.id only. */
export const ATTR_ENDUSER_ID = 'enduser.id';
// ---------------------------------------------------------------- web vitals, navigation, measures (frametel/vitals)
// OTel browser semconv (experimental, @opentelemetry/semantic-conventions 1.45 incubating
// EVENT_BROWSER_WEB_VITAL / ATTR_BROWSER_WEB_VITAL_*): copied, as OTel advises for incubating names.
/** Log record event name of one web-vitals report. */
export const EVENT_BROWSER_WEB_VITAL = 'browser.web_vital';
/** `lcp`, `inp`, `cls`, `fcp`, `ttfb` (lower case, as the semconv enum). */
export const ATTR_BROWSER_WEB_VITAL_NAME = 'browser.web_vital.name';
/** The value as web-vitals reports it: ms, or the unitless CLS score. */
export const ATTR_BROWSER_WEB_VITAL_VALUE = 'browser.web_vital.value';
/** `good` | `needs-improvement` | `poor` (web-vitals' thresholds). */
export const ATTR_BROWSER_WEB_VITAL_RATING = 'browser.web_vital.rating';
/** Change since the last report of the same metric id. */
export const ATTR_BROWSER_WEB_VITAL_DELTA = 'browser.web_vital.delta';
/** web-vitals' id of the metric instance (one per page view and metric). */
export const ATTR_BROWSER_WEB_VITAL_ID = 'browser.web_vital.id';
/** `navigate`, `reload`, `back-forward`, `back-forward-cache`, `prerender`, `restore`, `soft-navigation`. */
export const ATTR_BROWSER_WEB_VITAL_NAVIGATION_TYPE = 'browser.web_vital.navigation_type';
// Attribution: not (yet) in OTel's conventions, so under ui.web_vital.*.
/** Selector of the element: the INP interaction target, the LCP element, the largest CLS shift. */
export const ATTR_UI_WEB_VITAL_TARGET = 'ui.web_vital.target';
/** Document state when it happened: `loading`, `dom-interactive`, `dom-content-loaded`, `complete`. */
export const ATTR_UI_WEB_VITAL_LOAD_STATE = 'ui.web_vital.load_state';
/** INP: `pointer` | `keyboard`. */
export const ATTR_UI_WEB_VITAL_INTERACTION_TYPE = 'ui.web_vital.interaction_type';
/** INP phases (ms). */
export const ATTR_UI_WEB_VITAL_INPUT_DELAY_MS = 'ui.web_vital.input_delay_ms';
export const ATTR_UI_WEB_VITAL_PROCESSING_MS = 'ui.web_vital.processing_ms';
export const ATTR_UI_WEB_VITAL_PRESENTATION_DELAY_MS = 'ui.web_vital.presentation_delay_ms';
/** INP: longest Long Animation Frame script, `invoker (source URL without query:char position)`. */
export const ATTR_UI_WEB_VITAL_LONGEST_SCRIPT = 'ui.web_vital.longest_script';
/** LCP: the image/resource URL, without query string and fragment. */
export const ATTR_UI_WEB_VITAL_URL = 'ui.web_vital.url';
/** LCP sub-parts (ms). */
export const ATTR_UI_WEB_VITAL_TIME_TO_FIRST_BYTE_MS = 'ui.web_vital.time_to_first_byte_ms';
export const ATTR_UI_WEB_VITAL_RESOURCE_LOAD_DELAY_MS = 'ui.web_vital.resource_load_delay_ms';
export const ATTR_UI_WEB_VITAL_RESOURCE_LOAD_DURATION_MS = 'ui.web_vital.resource_load_duration_ms';
export const ATTR_UI_WEB_VITAL_ELEMENT_RENDER_DELAY_MS = 'ui.web_vital.element_render_delay_ms';
/** CLS: score of the largest single shift. */
export const ATTR_UI_WEB_VITAL_LARGEST_SHIFT_VALUE = 'ui.web_vital.largest_shift_value';
/** Histograms, one per vital: seconds for the times, unit `1` for CLS. */
export const METRIC_UI_WEB_VITAL_LCP = 'ui.web_vital.lcp';
export const METRIC_UI_WEB_VITAL_INP = 'ui.web_vital.inp';
export const METRIC_UI_WEB_VITAL_CLS = 'ui.web_vital.cls';
export const METRIC_UI_WEB_VITAL_FCP = 'ui.web_vital.fcp';
export const METRIC_UI_WEB_VITAL_TTFB = 'ui.web_vital.ttfb';
/** Budget operation keys of the vitals (not span operations: checked as measurements). */
export const OP_WEB_VITAL_LCP = 'web_vital.lcp';
export const OP_WEB_VITAL_INP = 'web_vital.inp';
export const OP_WEB_VITAL_CLS = 'web_vital.cls';
export const OP_WEB_VITAL_FCP = 'web_vital.fcp';
export const OP_WEB_VITAL_TTFB = 'web_vital.ttfb';
/** The page load (`documentLoad` span of instrumentation-document-load). */
export const OP_NAVIGATION = 'navigation';
/** A User Timing `performance.measure()` entry (`measure {name}` spans). */
export const OP_MEASURE = 'measure';

// ---- delivery (unload flush, persistence)
/** OTel semconv: a unique id per log record, set by frametel when persistence is on, so re-sends can be deduplicated. */
export const ATTR_LOG_RECORD_UID = 'log.record.uid';

// ---------------------------------------------------------------- interactions (frametel/vitals)
/** Operation key and span name prefix of a user interaction: span `interaction {type}`. */
export const OP_INTERACTION = 'interaction';
/** The event type of the interaction span (`click`, `keydown`, `pointerup`, …). */
export const ATTR_UI_INTERACTION_TYPE = 'ui.interaction.type';
/** Event Timing `interactionId` (events of one tap or key press share it; 0 for non-interaction events). */
export const ATTR_UI_INTERACTION_ID = 'ui.interaction.id';
/** ms from the event's timeStamp to the start of its first handler (Event Timing processingStart). */
export const ATTR_UI_INTERACTION_INPUT_DELAY_MS = 'ui.interaction.input_delay_ms';
/** ms the event's handlers ran (processingEnd − processingStart). */
export const ATTR_UI_INTERACTION_PROCESSING_MS = 'ui.interaction.processing_ms';
/** ms from the end of the handlers to the next paint. */
export const ATTR_UI_INTERACTION_PRESENTATION_DELAY_MS = 'ui.interaction.presentation_delay_ms';
/** `event_timing` when the end is the Event Timing paint time, `estimated` when no entry came (fast event). */
export const ATTR_UI_INTERACTION_TIMING_SOURCE = 'ui.interaction.timing_source';
/** INP attribution from overlapping long animation frames: the longest script's invoker. */
export const ATTR_UI_INTERACTION_LONGEST_SCRIPT_INVOKER = 'ui.interaction.longest_script.invoker';
/** The longest script's source URL, without query string or fragment. */
export const ATTR_UI_INTERACTION_LONGEST_SCRIPT_SOURCE_URL = 'ui.interaction.longest_script.source_url';
/** The longest script's function name. */
export const ATTR_UI_INTERACTION_LONGEST_SCRIPT_FUNCTION_NAME = 'ui.interaction.longest_script.function_name';
/** The longest script's duration in ms. */
export const ATTR_UI_INTERACTION_LONGEST_SCRIPT_DURATION_MS = 'ui.interaction.longest_script.duration_ms';

// ---------------------------------------------------------------- long animation frames (frametel/vitals)
/** Operation key and span name of a long animation frame (`long-animation-frame` entry). */
export const OP_LONG_ANIMATION_FRAME = 'long_animation_frame';
/** ms of the frame's long tasks beyond 50 ms each, plus render time beyond 50 ms (LoAF blockingDuration). */
export const ATTR_UI_LOAF_BLOCKING_DURATION_MS = 'ui.loaf.blocking_duration_ms';
/** ms of the frame's rendering update (from renderStart to the end of the frame). */
export const ATTR_UI_LOAF_RENDER_DURATION_MS = 'ui.loaf.render_duration_ms';
/** ms of style and layout at the end of the frame (from styleAndLayoutStart). */
export const ATTR_UI_LOAF_STYLE_LAYOUT_DURATION_MS = 'ui.loaf.style_layout_duration_ms';
/** Scripts the browser attributed to the frame (all of them, also those under the event threshold). */
export const ATTR_UI_LOAF_SCRIPTS = 'ui.loaf.scripts';
/** Span event per attributed script over the threshold. */
export const EVENT_UI_LOAF_SCRIPT = 'ui.loaf.script';
/** What called the script: `BUTTON#sort.onclick`, `Window.requestAnimationFrame`, a URL… (LoAF invoker). */
export const ATTR_UI_LOAF_SCRIPT_INVOKER = 'ui.loaf.script.invoker';
/** `user-callback` | `event-listener` | `resolve-promise` | `reject-promise` | `classic-script` | `module-script`. */
export const ATTR_UI_LOAF_SCRIPT_INVOKER_TYPE = 'ui.loaf.script.invoker_type';
/** The script's source URL without query string or fragment. */
export const ATTR_UI_LOAF_SCRIPT_SOURCE_URL = 'ui.loaf.script.source_url';
/** The script's function name (may be empty for anonymous functions). */
export const ATTR_UI_LOAF_SCRIPT_FUNCTION_NAME = 'ui.loaf.script.function_name';
/** Character position of the function in its source. */
export const ATTR_UI_LOAF_SCRIPT_CHAR_POSITION = 'ui.loaf.script.char_position';
/** ms the script ran. */
export const ATTR_UI_LOAF_SCRIPT_DURATION_MS = 'ui.loaf.script.duration_ms';
/** ms the script spent in forced (synchronous) style and layout. */
export const ATTR_UI_LOAF_SCRIPT_FORCED_STYLE_LAYOUT_MS = 'ui.loaf.script.forced_style_layout_ms';
