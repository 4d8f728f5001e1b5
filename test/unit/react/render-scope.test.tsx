// @vitest-environment happy-dom
import { act, useEffect, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { currentRenderScope } from '../../../src/context/render-scope.js';
import { ErrorInstrumentation } from '../../../src/instrumentations/errors/index.js';
import { RenderBoundary } from '../../../src/instrumentations/react/index.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Fiber {
  tag: number;
  child: Fiber | null;
  sibling: Fiber | null;
}
const PROFILER_TAG = 12;

/**
 * Fibers the boundary renders around the app's children: its Profiler and, when scopes are kept,
 * the exit marker after it (the Profiler's siblings).
 */
function boundaryFibers(root: Root): number {
  const stack: Fiber[] = [(root as unknown as { _internalRoot: { current: Fiber } })._internalRoot.current];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (f.tag === PROFILER_TAG) {
      let n = 0;
      for (let c: Fiber | null = f; c; c = c.sibling) n++;
      return n;
    }
    if (f.child) stack.push(f.child);
    if (f.sibling) stack.push(f.sibling);
  }
  throw new Error('no Profiler fiber');
}

let seen: (string | undefined)[] = [];
let mounts = 0;
function Child({ n }: { n: number }): ReactNode {
  const [first] = useState(n); // state that a remount would lose
  useEffect(() => {
    mounts++;
  }, []);
  seen.push(currentRenderScope());
  return (
    <span>
      {first}/{n}
    </span>
  );
}

let errors: ErrorInstrumentation | undefined;
afterEach(() => {
  errors?.disable();
  errors = undefined;
  seen = [];
  mounts = 0;
});

describe('RenderBoundary render scopes are kept only while something reads them', () => {
  it('no reader: no scope and no exit marker fiber; an enabled ErrorInstrumentation turns both on, without remounting the children', () => {
    const host = document.createElement('div');
    const root = createRoot(host);
    const render = (n: number) =>
      act(() =>
        root.render(
          <RenderBoundary name="Cart">
            <Child n={n} />
            <i>several children: an array in the boundary's props</i>
          </RenderBoundary>,
        ),
      );
    render(1);
    expect(seen).toEqual([undefined]);
    expect(boundaryFibers(root)).toBe(1);

    errors = new ErrorInstrumentation(); // enabled on construction: a scope reader
    render(2);
    expect(seen.at(-1)).toBe('Cart');
    expect(boundaryFibers(root)).toBe(2);
    expect(host.textContent).toMatch(/^1\/2/); // same Child instance: its first state survived
    expect(mounts).toBe(1);

    errors.disable();
    errors = undefined;
    render(3);
    expect(seen.at(-1)).toBeUndefined();
    expect(boundaryFibers(root)).toBe(1);
    expect(host.textContent).toMatch(/^1\/3/);
    expect(mounts).toBe(1);
    act(() => root.unmount());
  });

  it('enable/disable pairs are counted: a second reader going away keeps scopes for the first', () => {
    const a = new ErrorInstrumentation();
    const b = new ErrorInstrumentation();
    a.enable(); // already enabled: not counted twice
    b.disable();
    errors = a;
    const host = document.createElement('div');
    const root = createRoot(host);
    act(() =>
      root.render(
        <RenderBoundary name="Still">
          <Child n={1} />
        </RenderBoundary>,
      ),
    );
    expect(seen).toEqual(['Still']);
    act(() => root.unmount());
  });
});
