// @vitest-environment happy-dom
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  flushRenderCommits,
  ReactRenderInstrumentation,
  RenderBoundary,
} from '../../../src/instrumentations/react/index.js';

/**
 * The React instrumentations are invisible to the app's components: the same tree observed bare,
 * under a RenderBoundary and in auto mode (DevTools hook) renders the same DOM, runs renders and
 * effects in the same order, and an error thrown while rendering reaches the app's error boundary
 * with the same message and component stack.
 */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Auto mode needs its hook before React loads, as an app's bootstrap must arrange: enabled here,
// switched off for the bare and RenderBoundary runs.
const spans = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const auto = new ReactRenderInstrumentation({ auto: true });
auto.setTracerProvider(provider);
auto.disable();

let React: typeof import('react');
let client: typeof import('react-dom/client');
beforeAll(async () => {
  auto.enable();
  React = await import('react');
  client = await import('react-dom/client');
  auto.disable();
});

type Mode = 'bare' | 'boundary' | 'auto';

function observe(mode: Mode): Record<string, unknown> {
  const { act, useState, useEffect, useLayoutEffect, useRef, Component, createElement: h, forwardRef } = React;
  const log: string[] = [];
  let setCount: (n: number) => void = () => {};
  let setBroken: (b: boolean) => void = () => {};
  const caught: string[] = [];
  class Boundary extends Component<{ children?: unknown }, { error?: string }> {
    override state: { error?: string } = {};
    static getDerivedStateFromError(error: Error) {
      return { error: error.message };
    }
    override componentDidCatch(error: Error, info: { componentStack?: string | null }) {
      caught.push(`${error.name}: ${error.message}`);
      caught.push((info.componentStack ?? '').trim().split('\n')[0]!.trim().split(' (')[0]!);
    }
    override render() {
      return this.state.error ? h('p', null, `caught ${this.state.error}`) : (this.props.children as never);
    }
  }
  function Broken(): never {
    throw new TypeError('render failed');
  }
  const Field = forwardRef<HTMLInputElement, { label: string }>(function Field({ label }, ref) {
    log.push(`render Field ${label}`);
    return h('input', { ref, 'aria-label': label });
  });
  function Child({ n }: { n: number }) {
    log.push(`render Child ${n}`);
    useLayoutEffect(() => {
      log.push(`layout Child ${n}`);
      return () => void log.push(`layout cleanup Child ${n}`);
    }, [n]);
    useEffect(() => {
      log.push(`effect Child ${n}`);
      return () => void log.push(`cleanup Child ${n}`);
    }, [n]);
    return h('li', null, `item ${n}`);
  }
  function App() {
    const [count, set] = useState(1);
    const [broken, setB] = useState(false);
    const input = useRef<HTMLInputElement>(null);
    setCount = set;
    setBroken = setB;
    log.push(`render App ${count}`);
    useEffect(() => void log.push(`effect App ref=${input.current?.tagName}`), []);
    return h(
      'main',
      null,
      h('ul', null, ...Array.from({ length: count }, (_, i) => h(Child, { key: i, n: i }))),
      h(Field, { label: 'qty', ref: input }),
      h(Boundary, null, broken ? h(Broken) : h('span', null, 'ok')),
    );
  }
  const tree = mode === 'boundary' ? h(RenderBoundary, { name: 'App' }, h(App)) : h(App);
  const host = document.createElement('div');
  const root = client.createRoot(host, { onCaughtError: () => {} });
  const html: string[] = [];
  act(() => root.render(tree));
  html.push(host.innerHTML);
  act(() => setCount(3));
  html.push(host.innerHTML);
  act(() => setBroken(true));
  html.push(host.innerHTML);
  act(() => root.unmount());
  return { html, log, caught };
}

describe('React renders are observed identically bare and instrumented', () => {
  it('RenderBoundary and auto mode: same DOM, render/effect order, refs, error boundary message and stack', () => {
    const bare = observe('bare');
    const boundaryInst = new ReactRenderInstrumentation();
    boundaryInst.setTracerProvider(provider);
    let boundary: Record<string, unknown>;
    try {
      boundary = observe('boundary');
    } finally {
      boundaryInst.disable();
    }
    auto.enable();
    let autoMode: Record<string, unknown>;
    try {
      autoMode = observe('auto');
    } finally {
      auto.disable();
    }
    expect(bare.caught).toEqual(['TypeError: render failed', 'at Broken']);
    expect((bare.log as string[]).includes('effect App ref=INPUT')).toBe(true);
    expect(boundary).toEqual(bare);
    expect(autoMode).toEqual(bare);
    // …and both did observe: the boundary's commits are spans, auto mode counted the re-renders.
    flushRenderCommits(); // boundary spans are made in an idle task after the commit
    expect(spans.getFinishedSpans().some((s) => s.name === 'render App')).toBe(true);
    expect(auto.topRerenders().map((c) => c.name)).toContain('App');
  });
});
