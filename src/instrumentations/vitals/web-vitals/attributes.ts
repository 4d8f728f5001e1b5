import type { Attributes } from '@opentelemetry/api';
import type { MetricWithAttribution } from 'web-vitals/attribution';
import {
  ATTR_BROWSER_WEB_VITAL_DELTA,
  ATTR_BROWSER_WEB_VITAL_ID,
  ATTR_BROWSER_WEB_VITAL_NAME,
  ATTR_BROWSER_WEB_VITAL_NAVIGATION_TYPE,
  ATTR_BROWSER_WEB_VITAL_RATING,
  ATTR_BROWSER_WEB_VITAL_VALUE,
  ATTR_UI_WEB_VITAL_ELEMENT_RENDER_DELAY_MS,
  ATTR_UI_WEB_VITAL_INPUT_DELAY_MS,
  ATTR_UI_WEB_VITAL_INTERACTION_TYPE,
  ATTR_UI_WEB_VITAL_LARGEST_SHIFT_VALUE,
  ATTR_UI_WEB_VITAL_LOAD_STATE,
  ATTR_UI_WEB_VITAL_LONGEST_SCRIPT,
  ATTR_UI_WEB_VITAL_PRESENTATION_DELAY_MS,
  ATTR_UI_WEB_VITAL_PROCESSING_MS,
  ATTR_UI_WEB_VITAL_RESOURCE_LOAD_DELAY_MS,
  ATTR_UI_WEB_VITAL_RESOURCE_LOAD_DURATION_MS,
  ATTR_UI_WEB_VITAL_TARGET,
  ATTR_UI_WEB_VITAL_TIME_TO_FIRST_BYTE_MS,
  ATTR_UI_WEB_VITAL_URL,
} from '../../../semconv.js';
import { withoutQuery } from '../support.js';

/** Attribution fields copied as they are, per vital: [attribute, web-vitals attribution field]. */
const FIELDS: Record<string, ReadonlyArray<readonly [string, string]>> = {
  INP: [
    [ATTR_UI_WEB_VITAL_TARGET, 'interactionTarget'],
    [ATTR_UI_WEB_VITAL_INTERACTION_TYPE, 'interactionType'],
    [ATTR_UI_WEB_VITAL_LOAD_STATE, 'loadState'],
    [ATTR_UI_WEB_VITAL_INPUT_DELAY_MS, 'inputDelay'],
    [ATTR_UI_WEB_VITAL_PROCESSING_MS, 'processingDuration'],
    [ATTR_UI_WEB_VITAL_PRESENTATION_DELAY_MS, 'presentationDelay'],
  ],
  LCP: [
    [ATTR_UI_WEB_VITAL_TARGET, 'target'],
    [ATTR_UI_WEB_VITAL_TIME_TO_FIRST_BYTE_MS, 'timeToFirstByte'],
    [ATTR_UI_WEB_VITAL_RESOURCE_LOAD_DELAY_MS, 'resourceLoadDelay'],
    [ATTR_UI_WEB_VITAL_RESOURCE_LOAD_DURATION_MS, 'resourceLoadDuration'],
    [ATTR_UI_WEB_VITAL_ELEMENT_RENDER_DELAY_MS, 'elementRenderDelay'],
  ],
  CLS: [
    [ATTR_UI_WEB_VITAL_TARGET, 'largestShiftTarget'],
    [ATTR_UI_WEB_VITAL_LARGEST_SHIFT_VALUE, 'largestShiftValue'],
    [ATTR_UI_WEB_VITAL_LOAD_STATE, 'loadState'],
  ],
  FCP: [[ATTR_UI_WEB_VITAL_LOAD_STATE, 'loadState']],
};

/**
 * The attributes of one `browser.web_vital` record: OTel's six, then the vital's attribution
 * (selectors, phases, URLs without query) under `ui.web_vital.*`. Never the text of an element.
 * Attribution fields web-vitals leaves out (unknown) are left out.
 */
export function vitalAttributes(metric: MetricWithAttribution): Attributes {
  const out: Attributes = {
    [ATTR_BROWSER_WEB_VITAL_NAME]: metric.name.toLowerCase(),
    [ATTR_BROWSER_WEB_VITAL_VALUE]: metric.value,
    [ATTR_BROWSER_WEB_VITAL_RATING]: metric.rating,
    [ATTR_BROWSER_WEB_VITAL_DELTA]: metric.delta,
    [ATTR_BROWSER_WEB_VITAL_ID]: metric.id,
    [ATTR_BROWSER_WEB_VITAL_NAVIGATION_TYPE]: metric.navigationType,
  };
  const a = metric.attribution as unknown as Record<string, unknown>;
  for (const [key, field] of FIELDS[metric.name] ?? []) {
    const value = a[field];
    if (typeof value === 'number' || (typeof value === 'string' && value !== '')) out[key] = value;
  }
  if (metric.name === 'LCP' && metric.attribution.url)
    out[ATTR_UI_WEB_VITAL_URL] = withoutQuery(metric.attribution.url);
  const script = metric.name === 'INP' ? metric.attribution.longestScript?.entry : undefined;
  if (script) {
    const where = script.sourceURL ? ` (${withoutQuery(script.sourceURL)}:${script.sourceCharPosition})` : '';
    out[ATTR_UI_WEB_VITAL_LONGEST_SCRIPT] = `${script.invoker}${where}`;
  }
  return out;
}
