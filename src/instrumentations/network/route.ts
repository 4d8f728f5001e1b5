const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_ID = /^[0-9a-f]{16,}$/i;
const NUMERIC = /^\d+$/;
const MIXED_ID = /^(?=.*\d)[A-Za-z0-9_-]{20,}$/; // long tokens with digits: hashes, opaque ids

function parse(url: string): URL | undefined {
  try {
    return new URL(url, typeof location !== 'undefined' ? location.href : 'http://localhost/');
  } catch {
    return undefined;
  }
}

/** `GET /api/orders/:id` for `GET https://x/api/orders/42?page=3`: ids collapsed, query dropped. */
export function routeTemplate(method: string, url: string): string {
  const u = parse(url);
  const path = (u?.pathname ?? url.split('?')[0]!)
    .split('/')
    .map((seg) => (NUMERIC.test(seg) || UUID.test(seg) || HEX_ID.test(seg) || MIXED_ID.test(seg) ? ':id' : seg))
    .join('/');
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
  const origin = u && absolute && (typeof location === 'undefined' || u.origin !== location.origin) ? u.host : '';
  return `${method.toUpperCase()} ${origin}${path || '/'}`;
}

/** The URL with every query value replaced by `REDACTED` (keys kept), and no credentials or fragment. */
export function redactUrl(url: string): string {
  const u = parse(url);
  if (!u) return url.split('?')[0]!;
  u.username = '';
  u.password = '';
  u.hash = '';
  const keys = [...u.searchParams.keys()];
  u.search = '';
  for (const k of keys) u.searchParams.append(k, 'REDACTED');
  return u.toString();
}
