/**
 * Which RenderBoundary React is rendering right now, for context on what happens during a
 * render (a console.warn from a component): RenderBoundary renders a marker before its children
 * and one after them, and React renders a subtree depth-first, so between the two the nearest
 * boundary is known. Production and profiling builds of React expose no "current component", so
 * this is the nearest *boundary*, not the exact component; a subtree re-rendered on its own (its
 * boundary bailed out) has none and callers fall back to the active span. The stack is cleared at
 * the end of each task, so an interrupted render cannot leave a stale name behind.
 *
 * Scopes are kept only while something reads them (an enabled ErrorInstrumentation: console
 * context and the component of captured errors): otherwise RenderBoundary renders no exit marker,
 * a fiber less on every commit.
 */
const stack: string[] = [];
let clearQueued = false;
let readers = 0;

/** A reader of render scopes starts (`true`) or stops (`false`) needing them; calls are counted. */
export function wantRenderScopes(on: boolean): void {
  readers = Math.max(0, readers + (on ? 1 : -1));
}

/** Whether RenderBoundary should keep scopes: something is reading them. */
export function renderScopesWanted(): boolean {
  return readers > 0;
}

export function enterRenderScope(name: string): void {
  stack.push(name);
  if (!clearQueued) {
    clearQueued = true;
    queueMicrotask(() => {
      stack.length = 0;
      clearQueued = false;
    });
  }
}

export function exitRenderScope(name: string): void {
  const i = stack.lastIndexOf(name);
  if (i >= 0) stack.length = i;
}

/** The RenderBoundary being rendered, if any. */
export function currentRenderScope(): string | undefined {
  return stack.at(-1);
}
