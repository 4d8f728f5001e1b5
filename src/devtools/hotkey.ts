/** The overlay's show/hide key combination, e.g. 'Alt+Shift+F'. */
export interface Hotkey {
  key: string;
  alt: boolean;
  shift: boolean;
  ctrl: boolean;
  meta: boolean;
}

const MODIFIERS = ['alt', 'option', 'shift', 'ctrl', 'control', 'meta', 'cmd', 'command'];

/** Parses 'Ctrl+Alt+P'; undefined when there is no key or a modifier is unknown. */
export function parseHotkey(spec: string): Hotkey | undefined {
  const parts = spec
    .toLowerCase()
    .split('+')
    .map((p) => p.trim());
  const key = parts.pop() ?? '';
  if (key === '' || MODIFIERS.includes(key) || parts.some((p) => !MODIFIERS.includes(p))) return undefined;
  const has = (...names: string[]) => names.some((n) => parts.includes(n));
  return {
    key,
    alt: has('alt', 'option'),
    shift: has('shift'),
    ctrl: has('ctrl', 'control'),
    meta: has('meta', 'cmd', 'command'),
  };
}

export function matchesHotkey(e: KeyboardEvent, h: Hotkey): boolean {
  if (e.altKey !== h.alt || e.shiftKey !== h.shift || e.ctrlKey !== h.ctrl || e.metaKey !== h.meta) return false;
  if ((e.key ?? '').toLowerCase() === h.key) return true;
  // Alt (Option on macOS) changes e.key ('ƒ', 'Ï'): fall back to the physical key for letters and digits.
  return (
    (/^[a-z]$/.test(h.key) && e.code === `Key${h.key.toUpperCase()}`) ||
    (/^[0-9]$/.test(h.key) && e.code === `Digit${h.key}`)
  );
}
