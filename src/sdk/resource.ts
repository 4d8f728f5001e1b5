import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { ResolvedConfig } from '../options.js';
import {
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_TELEMETRY_DISTRO_NAME,
  ATTR_TELEMETRY_DISTRO_VERSION,
  DISTRO_NAME,
} from '../semconv.js';
import { VERSION } from '../version.js';

/** The resource every signal carries: the SDK's defaults, the user's attributes, then ours. */
export function buildResource(config: ResolvedConfig): Resource {
  const own: Record<string, string> = {
    [ATTR_SERVICE_NAME]: config.serviceName,
    [ATTR_TELEMETRY_DISTRO_NAME]: DISTRO_NAME,
    [ATTR_TELEMETRY_DISTRO_VERSION]: VERSION,
  };
  if (config.serviceVersion !== undefined) own[ATTR_SERVICE_VERSION] = config.serviceVersion;
  return defaultResource().merge(resourceFromAttributes(config.resourceAttributes)).merge(resourceFromAttributes(own));
}
