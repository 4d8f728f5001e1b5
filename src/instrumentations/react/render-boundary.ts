import {
  createElement,
  Fragment,
  Profiler,
  type ComponentType,
  type ProfilerOnRenderCallback,
  type ReactNode,
} from 'react';
import { enterRenderScope, exitRenderScope, renderScopesWanted } from '../../context/render-scope.js';
import { FRAMETEL_BOUNDARY } from './boundary-marker.js';
import { recordRenderCommit } from './instrumentation.js';

export interface RenderBoundaryProps {
  /** `ui.component.name` of the commits of this subtree; the span is `render {name}`. */
  name: string;
  children?: ReactNode;
}

const onRender: ProfilerOnRenderCallback = Object.assign(
  // Passed on as they come: no object per commit (see commit-queue.ts).
  ((id, phase, actualDuration, baseDuration, startTime) =>
    recordRenderCommit(id, phase, actualDuration, baseDuration, startTime)) as ProfilerOnRenderCallback,
  { [FRAMETEL_BOUNDARY]: true },
);

/**
 * Render-time scope of a boundary (console context, src/context/render-scope.ts): entered by
 * RenderBoundary's own render, which React runs right before its children's (the Profiler between
 * them runs no code), and left by this marker rendered after the Profiler, so after its whole
 * subtree; both only while scopes are read (an enabled ErrorInstrumentation). The entry needs no
 * marker of its own: a marker is a fiber, which in a profiling build costs a render and two
 * profiler timer reads on every commit of the boundary.
 */
const ScopeExit = Object.assign(
  ({ name }: { name: string }) => {
    exitRenderScope(name);
    return null;
  },
  { [FRAMETEL_BOUNDARY]: true },
);

/**
 * Traces every commit of its subtree as a span `render {name}` spanning React's real render
 * window (Profiler startTime … startTime + actualDuration). Built on React's <Profiler>, which
 * reports only in development and profiling builds (alias react-dom → react-dom/profiling in
 * production builds to keep it). The span is made in an idle task after the commit, with the
 * commit's own times and the parent it had at commit time (`flushRenderCommits()` makes pending
 * ones at once; `ft.forceFlush()` calls it).
 */
export function RenderBoundary({ name, children }: RenderBoundaryProps): ReactNode {
  const profiler = createElement(Profiler, { id: name, onRender }, children);
  // Scopes only while something reads them (render-scope.ts). The exit marker is the Profiler's
  // next sibling, not its last child: the children stay exactly what the app passed (one child
  // reconciles as one, not as an array), and turning scopes on or off only adds or removes the
  // marker after the Profiler, which React matches by position without remounting anything.
  if (!renderScopesWanted()) return profiler;
  enterRenderScope(name);
  return createElement(Fragment, null, profiler, createElement(ScopeExit, { name }));
}

/** `Component` wrapped in a RenderBoundary named `name` (default: its displayName or name). */
export function withRenderTracing<P extends object>(Component: ComponentType<P>, name?: string): ComponentType<P> {
  const boundaryName = name ?? Component.displayName ?? Component.name ?? 'Anonymous';
  const Traced = (props: P) => createElement(RenderBoundary, { name: boundaryName }, createElement(Component, props));
  Traced.displayName = `withRenderTracing(${boundaryName})`;
  return Traced;
}
