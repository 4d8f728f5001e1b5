/**
 * `ui.interaction.target`: a short CSS-selector-like path of an event target, built from
 * structure only (tag, #id, a few .classes, [data-testid]) and never from text content or
 * values, so it is safe to export and stable enough to group interactions and key budgets by.
 */

/** Ancestors kept at most (the target included). */
export const MAX_TARGET_DEPTH = 3;
/** Classes kept per element. */
export const MAX_CLASSES = 3;
/** Longer class names are usually generated hashes, which make poor group keys. */
const MAX_CLASS_LENGTH = 32;

interface ElementLike {
  readonly nodeType: number;
  readonly localName?: string;
  readonly id?: string;
  readonly classList?: ArrayLike<string>;
  readonly parentElement?: ElementLike | null;
  getAttribute?(name: string): string | null;
}

function part(el: ElementLike): { text: string; unique: boolean } {
  let text = el.localName ?? 'element';
  const testId = el.getAttribute?.('data-testid');
  if (el.id) text += `#${el.id}`;
  const classes = el.classList;
  if (classes) {
    let kept = 0;
    for (let i = 0; i < classes.length && kept < MAX_CLASSES; i++) {
      const c = classes[i]!;
      if (c.length > MAX_CLASS_LENGTH) continue;
      text += `.${c}`;
      kept++;
    }
  }
  if (testId) text += `[data-testid="${testId}"]`;
  return { text, unique: Boolean(el.id || testId) };
}

/**
 * The selector path of `target`: up to {@link MAX_TARGET_DEPTH} elements, stopping early at an
 * element with an id or data-testid (already unique enough) and below `body`. `window` and `document` are named
 * as such; anything else that is not an element gives undefined.
 *
 * @example targetSelector(document.querySelector('th[data-testid="sort-total"]')) // 'th[data-testid="sort-total"]'
 */
export function targetSelector(target: unknown): string | undefined {
  if (target === null || typeof target !== 'object') return undefined;
  if (typeof window !== 'undefined' && target === window) return 'window';
  const node = target as ElementLike;
  if (node.nodeType === 9) return 'document';
  if (node.nodeType !== 1) return undefined;
  const parts: string[] = [];
  let el: ElementLike | null | undefined = node;
  while (el && el.nodeType === 1 && parts.length < MAX_TARGET_DEPTH) {
    // body and html say nothing about which control it was (unless they are the target).
    if (parts.length > 0 && (el.localName === 'body' || el.localName === 'html')) break;
    const p = part(el);
    parts.push(p.text);
    if (p.unique) break;
    el = el.parentElement;
  }
  return parts.reverse().join(' > ');
}
