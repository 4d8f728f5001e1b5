import { fmt, list, shortUrl } from '../dom.js';
import type { OverlaySources } from './sources.js';
import type { OverlaySection } from './types.js';

/** Recent requests from the network source, newest first. */
export function requestsSection(network: NonNullable<OverlaySources['network']>, n: number): OverlaySection<string[]> {
  return {
    id: 'requests',
    title: 'Recent requests',
    layout: 'column',
    collect: () =>
      network
        .recentRequests(n)
        .map((r) => `${r.method} ${shortUrl(r.url)} → ${r.status || 'failed'} in ${fmt(r.durationMs)} ms`),
    render: (items) => list(items, 'none'),
  };
}
