import { el, fmt, list, shortUrl } from '../dom.js';
import type { OverlaySources } from './sources.js';
import type { OverlaySection, SectionContext } from './types.js';

type Request = ReturnType<NonNullable<OverlaySources['network']>['recentRequests']>[number] & {
  route?: string;
  bytes?: number;
  cacheHit?: boolean;
  traceId?: string;
  spanId?: string;
  phases?: { dnsMs: number; connectMs: number; tlsMs: number; ttfbMs: number; downloadMs: number };
  transferSize?: number;
  decodedBodySize?: number;
};

const PHASES = [
  ['dnsMs', 'DNS'],
  ['connectMs', 'connect'],
  ['tlsMs', 'TLS'],
  ['ttfbMs', 'TTFB'],
  ['downloadMs', 'download'],
] as const;

const line = (r: Request) => `${r.method} ${shortUrl(r.url)} → ${r.status || 'failed'} in ${fmt(r.durationMs)} ms`;
const bytes = (n: number | undefined) =>
  n === undefined ? '–' : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;

/**
 * Recent requests from the network source, newest first; a request opens its details (method,
 * route template, status, Resource Timing phases, sizes, cache, propagated trace id, and its trace
 * in the waterfall).
 */
export function requestsSection(
  ctx: SectionContext,
  network: NonNullable<OverlaySources['network']>,
  n: number,
): OverlaySection<{ requests: Request[]; open: number | null }> {
  let open: number | null = null;
  return {
    id: 'requests',
    title: 'Recent requests',
    layout: 'column',
    collect: () => ({ requests: network.recentRequests(n) as Request[], open }),
    render({ requests, open: opened }) {
      if (requests.length === 0) return list([], 'none');
      const ul = el('ul', 'requests');
      requests.forEach((r, i) => {
        const li = el('li');
        const toggle = el('button', 'request-line', line(r));
        toggle.type = 'button';
        toggle.title = line(r);
        toggle.setAttribute('aria-expanded', String(opened === i));
        toggle.addEventListener('click', () => {
          open = open === i ? null : i;
          ctx.refresh();
        });
        li.append(toggle);
        if (opened === i) li.append(details(ctx, r));
        ul.append(li);
      });
      return ul;
    },
  };
}

function details(ctx: SectionContext, r: Request): HTMLElement {
  const dl = el('dl', 'request-details');
  const row = (k: string, v: string) => dl.append(el('dt', undefined, k), el('dd', undefined, v));
  row('method', r.method);
  row('route', r.route ?? '–');
  row('status', r.status ? String(r.status) : 'failed (no response)');
  row('duration', `${fmt(r.durationMs)} ms`);
  row(
    'phases',
    r.phases
      ? PHASES.map(([key, label]) => `${label} ${fmt(r.phases![key])} ms`).join(' · ')
      : 'not available (no Resource Timing detail for this origin)',
  );
  row('transfer', bytes(r.transferSize));
  row('body', `${bytes(r.bytes)} encoded · ${bytes(r.decodedBodySize)} decoded`);
  row('cache', r.cacheHit ? 'hit (HTTP cache)' : 'miss');
  row('trace id', r.traceId ?? '–');
  const box = el('div', 'request-detail');
  box.append(dl);
  if (r.traceId) {
    const traceId = r.traceId;
    const b = el('button', 'tool', 'open trace');
    b.type = 'button';
    b.addEventListener('click', () => ctx.openTrace(traceId, r.spanId));
    box.append(b);
  }
  return box;
}
