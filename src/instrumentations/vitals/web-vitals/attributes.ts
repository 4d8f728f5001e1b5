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

/**
 * A URL without its query string and fragment: they carry ids, tokens and search terms.
 * @example withoutQuery('https://cdn.example/hero.jpg?sig=abc#x') // 'https://cdn.example/hero.jpg'
 */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/** Sets `key` only when `value` is present (web-vitals leaves attribution fields out when unknown). */
function put(out: Attributes, key: string, value: string | number | undefined): void {
  if (value !== undefined && value !== '') out[key] = value;
}

/**
 * The attributes of one `browser.web_vital` record: OTel's six, then the vital's attribution
 * (selectors, phases, URLs without query) under `ui.web_vital.*`. Never the text of an element.
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
  switch (metric.name) {
    case 'INP': {
      const a = metric.attribution;
      put(out, ATTR_UI_WEB_VITAL_TARGET, a.interactionTarget);
      put(out, ATTR_UI_WEB_VITAL_INTERACTION_TYPE, a.interactionType);
      put(out, ATTR_UI_WEB_VITAL_LOAD_STATE, a.loadState);
      put(out, ATTR_UI_WEB_VITAL_INPUT_DELAY_MS, a.inputDelay);
      put(out, ATTR_UI_WEB_VITAL_PROCESSING_MS, a.processingDuration);
      put(out, ATTR_UI_WEB_VITAL_PRESENTATION_DELAY_MS, a.presentationDelay);
      const script = a.longestScript?.entry;
      if (script) {
        const where = script.sourceURL ? ` (${withoutQuery(script.sourceURL)}:${script.sourceCharPosition})` : '';
        put(out, ATTR_UI_WEB_VITAL_LONGEST_SCRIPT, `${script.invoker}${where}`);
      }
      break;
    }
    case 'LCP': {
      const a = metric.attribution;
      put(out, ATTR_UI_WEB_VITAL_TARGET, a.target);
      put(out, ATTR_UI_WEB_VITAL_URL, a.url === undefined ? undefined : withoutQuery(a.url));
      put(out, ATTR_UI_WEB_VITAL_TIME_TO_FIRST_BYTE_MS, a.timeToFirstByte);
      put(out, ATTR_UI_WEB_VITAL_RESOURCE_LOAD_DELAY_MS, a.resourceLoadDelay);
      put(out, ATTR_UI_WEB_VITAL_RESOURCE_LOAD_DURATION_MS, a.resourceLoadDuration);
      put(out, ATTR_UI_WEB_VITAL_ELEMENT_RENDER_DELAY_MS, a.elementRenderDelay);
      break;
    }
    case 'CLS': {
      const a = metric.attribution;
      put(out, ATTR_UI_WEB_VITAL_TARGET, a.largestShiftTarget);
      put(out, ATTR_UI_WEB_VITAL_LARGEST_SHIFT_VALUE, a.largestShiftValue);
      put(out, ATTR_UI_WEB_VITAL_LOAD_STATE, a.loadState);
      break;
    }
    case 'FCP':
      put(out, ATTR_UI_WEB_VITAL_LOAD_STATE, metric.attribution.loadState);
      break;
    default:
      break;
  }
  return out;
}
