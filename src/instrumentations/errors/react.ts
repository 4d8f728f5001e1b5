import { Component, createElement, type ErrorInfo, type ReactNode } from 'react';
import { activeErrorInstrumentation } from './instrumentation.js';

export interface TracedErrorBoundaryProps {
  /** Shown instead of the children after an error. Default: nothing. */
  fallback?: ReactNode | ((error: Error) => ReactNode);
  /** Tags for errors caught here. */
  tags?: Record<string, string>;
  children?: ReactNode;
}

/** The component that threw: the first frame of React's component stack ("    at Broken (…)"). */
export function throwingComponent(componentStack: string | undefined): string | undefined {
  const first = componentStack
    ?.split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  const match = first ? /^(?:at\s+)?([^\s(@]+)/.exec(first) : null;
  return match?.[1];
}

/**
 * An error boundary that records what it catches through the enabled ErrorInstrumentation, with
 * React's component stack (`ui.component.stack`), then renders `fallback`.
 */
export class TracedErrorBoundary extends Component<TracedErrorBoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    const componentStack = info.componentStack ?? undefined;
    activeErrorInstrumentation()?.captureException(
      error,
      { tags: this.props.tags },
      { source: 'react', componentStack, componentName: throwingComponent(componentStack) },
    );
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const { fallback } = this.props;
    return typeof fallback === 'function' ? fallback(error) : (fallback ?? createElement('span', { hidden: true }));
  }
}
