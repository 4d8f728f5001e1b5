/** DOM and text helpers shared by the overlay's sections. Everything from the app goes in as text. */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text; // always text: names come from the app
  return e;
}

/** Milliseconds with precision that shrinks as they grow: 0.42, 12.3, 187. */
export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const fmtBudget = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '–' : Number.isInteger(ms) ? String(ms) : fmt(ms);
export const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;

/** An http(s) URL to link to, or undefined (javascript:, data: and unparsable URLs are never links). */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url, document.baseURI);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Same-origin URLs without their origin: the path is what tells requests apart. */
export function shortUrl(url: string): string {
  const origin = typeof location === 'object' ? location.origin : '';
  return origin && origin !== 'null' && url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
}

/** A bulleted list of text items (each with its full text as tooltip), or one muted `empty` line. */
export function list(items: string[], empty: string): HTMLUListElement {
  const ul = el('ul');
  if (items.length === 0) ul.append(el('li', 'muted', empty));
  for (const item of items) {
    const li = el('li', undefined, item);
    li.title = item;
    ul.append(li);
  }
  return ul;
}

/** A button that also answers Enter and Space (it is a real <button>) and never submits a form. */
export function button(text: string, onClick: () => void, cls?: string): HTMLButtonElement {
  const b = el('button', cls, text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** A short message for a thrown value that cannot itself throw (its getters may). */
export function errorText(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'unknown error';
  }
}
