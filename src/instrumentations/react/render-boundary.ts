import { createElement, Profiler, type ComponentType, type ProfilerOnRenderCallback, type ReactNode } from 'react';
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
 * them runs no code), and left by this marker rendered after the children, both only while
 * scopes are read (an enabled ErrorInstrumentation). The entry needs no
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
  // Scopes only while something reads them (render-scope.ts). The marker's slot stays (null when
  // off): without it, several children would be the Profiler's children array when scopes are off
  // and a nested one (a fragment) when on, and turning scopes on would remount them.
  const scoped = renderScopesWanted();
  if (scoped) enterRenderScope(name);
  return createElement(Profiler, { id: name, onRender }, children, scoped ? createElement(ScopeExit, { name }) : null);
}

/** `Component` wrapped in a RenderBoundary named `name` (default: its displayName or name). */
export function withRenderTracing<P extends object>(Component: ComponentType<P>, name?: string): ComponentType<P> {
  const boundaryName = name ?? Component.displayName ?? Component.name ?? 'Anonymous';
  const Traced = (props: P) => createElement(RenderBoundary, { name: boundaryName }, createElement(Component, props));
  Traced.displayName = `withRenderTracing(${boundaryName})`;
  return Traced;
}
