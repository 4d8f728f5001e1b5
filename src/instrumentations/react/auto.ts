import { diag } from '@opentelemetry/api';
import { FRAMETEL_BOUNDARY } from './boundary-marker.js';

/** The React DevTools global hook contract this observer relies on (as renderers call it). */
interface DevToolsHook {
  renderers?: Map<number, unknown>;
  supportsFiber?: boolean;
  inject?(renderer: unknown): number;
  onCommitFiberRoot?(rendererId: number, root: { current: Fiber }, priority?: unknown, didError?: boolean): void;
  onCommitFiberUnmount?(rendererId: number, fiber: Fiber): void;
  [key: string]: unknown;
}

export interface Fiber {
  tag: number;
  type: unknown;
  flags?: number;
  child: Fiber | null;
  sibling: Fiber | null;
  alternate: Fiber | null;
  memoizedProps: Record<string, unknown> | null;
  memoizedState: unknown;
  actualDuration?: number;
}

/** What the observer reports for each component that rendered in a commit. */
export interface ObservedRender {
  name: string;
  phase: 'mount' | 'update';
  /** React's actualDuration (ms), only in development and profiling builds. */
  durationMs: number | undefined;
  /** Keys of props whose value changed (never the values). */
  changedProps: string[];
  /** Whether its state changed. */
  stateChanged: boolean;
  /** Inside a RenderBoundary, which already times the subtree's commits (no second span). */
  insideBoundary: boolean;
}

export interface CommitObserver {
  onRender(render: ObservedRender): void;
  onUnmount(name: string): void;
}

// Fiber tags of components (React 18 and 19): function, class, forwardRef, memo, simple memo.
const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
const PROFILER_TAG = 12;

/** frametel's own wrappers (RenderBoundary, withRenderTracing(…)) are not the app's components. */
function isFrametelWrapper(fiber: Fiber): boolean {
  const name = componentName(fiber.type);
  const marked = (fiber.type as Record<symbol, unknown> | null | undefined)?.[FRAMETEL_BOUNDARY] === true;
  return marked || name === 'RenderBoundary' || name.startsWith('withRenderTracing(');
}

function isFrametelBoundary(fiber: Fiber): boolean {
  const onRender = (fiber.memoizedProps as { onRender?: Record<symbol, unknown> } | null)?.onRender;
  return fiber.tag === PROFILER_TAG && typeof onRender === 'function' && onRender[FRAMETEL_BOUNDARY] === true;
}
// The PerformedWork flag: the component's render function ran in this commit.
const PERFORMED_WORK = 1;
const HOOK_KEY = '__REACT_DEVTOOLS_GLOBAL_HOOK__';

export function componentName(type: unknown): string {
  if (typeof type === 'function')
    return (type as { displayName?: string; name?: string }).displayName || type.name || 'Anonymous';
  if (type && typeof type === 'object') {
    const t = type as { displayName?: string; type?: unknown; render?: unknown };
    if (t.displayName) return t.displayName;
    if (t.type) return componentName(t.type); // memo
    if (t.render) return componentName(t.render); // forwardRef
  }
  return 'Anonymous';
}

function changedKeys(next: Record<string, unknown> | null, prev: Record<string, unknown> | null): string[] {
  if (!next || !prev || next === prev) return [];
  const keys: string[] = [];
  for (const k of new Set([...Object.keys(next), ...Object.keys(prev)]))
    if (k !== 'children' && next[k] !== prev[k]) keys.push(k);
  return keys;
}

/**
 * Observes every React commit through the DevTools global hook (the way React DevTools and
 * react-scan do), which renderers call in production builds too. Installed before React loads,
 * it creates a minimal hook; when one exists (the DevTools extension), it chains into it and
 * restores it on uninstall.
 */
export class DevToolsCommitObserver {
  private installed:
    | {
        hook: DevToolsHook;
        created: boolean;
        commit: DevToolsHook['onCommitFiberRoot'];
        unmount: DevToolsHook['onCommitFiberUnmount'];
      }
    | undefined;

  constructor(
    private readonly observer: CommitObserver,
    private readonly maxFibersPerCommit: number,
  ) {}

  install(): boolean {
    if (this.installed) return true;
    const g = globalThis as unknown as Record<string, DevToolsHook | undefined>;
    let hook = g[HOOK_KEY];
    const created = hook === undefined;
    if (hook === undefined) {
      let next = 1;
      const renderers = new Map<number, unknown>();
      hook = {
        renderers,
        supportsFiber: true,
        inject: (renderer: unknown) => {
          const id = next++;
          renderers.set(id, renderer);
          return id;
        },
        onCommitFiberRoot: () => {},
        onCommitFiberUnmount: () => {},
        onPostCommitFiberRoot: () => {},
        checkDCE: () => {},
      };
      g[HOOK_KEY] = hook;
    }
    const commit = hook.onCommitFiberRoot;
    const unmount = hook.onCommitFiberUnmount;
    this.installed = { hook, created, commit, unmount };
    hook.onCommitFiberRoot = (id, root, priority, didError) => {
      this.safely(() => this.walk(root.current));
      return commit?.call(hook, id, root, priority, didError);
    };
    hook.onCommitFiberUnmount = (id, fiber) => {
      this.safely(() => {
        if (COMPONENT_TAGS.has(fiber.tag)) this.observer.onUnmount(componentName(fiber.type));
      });
      return unmount?.call(hook, id, fiber);
    };
    return true;
  }

  /** Gives the hook its own functions back (a hook we created stays, inert: React holds it). */
  uninstall(): void {
    const i = this.installed;
    if (!i) return;
    i.hook.onCommitFiberRoot = i.commit;
    i.hook.onCommitFiberUnmount = i.unmount;
    this.installed = undefined;
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      diag.error('frametel react: commit observer failed', error);
    }
  }

  private walk(root: Fiber): void {
    let visited = 0;
    const stack: Array<[Fiber, boolean]> = [[root, false]];
    while (stack.length > 0 && visited < this.maxFibersPerCommit) {
      const [fiber, inside] = stack.pop()!;
      visited++;
      if (COMPONENT_TAGS.has(fiber.tag) && !isFrametelWrapper(fiber)) {
        const mount = fiber.alternate === null;
        if (mount || ((fiber.flags ?? 0) & PERFORMED_WORK) !== 0) {
          this.observer.onRender({
            name: componentName(fiber.type),
            phase: mount ? 'mount' : 'update',
            durationMs:
              typeof fiber.actualDuration === 'number' && fiber.actualDuration >= 0 ? fiber.actualDuration : undefined,
            changedProps: mount ? [] : changedKeys(fiber.memoizedProps, fiber.alternate!.memoizedProps),
            stateChanged: !mount && fiber.memoizedState !== fiber.alternate!.memoizedState,
            insideBoundary: inside,
          });
        }
      }
      if (fiber.sibling) stack.push([fiber.sibling, inside]);
      // A subtree React skipped wholesale keeps its old child fibers (same objects on both
      // trees): nothing below rendered, and their flags are stale, so do not descend.
      if (fiber.child && !(fiber.alternate && fiber.alternate.child === fiber.child))
        stack.push([fiber.child, inside || isFrametelBoundary(fiber)]);
    }
  }
}
