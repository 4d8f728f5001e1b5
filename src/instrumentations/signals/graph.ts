import type { SignalGraph, SignalGraphNode } from './types.js';

/**
 * Stable ids and names for signal-library objects, and the registry the graph is built from.
 * Objects are held through WeakRefs, so knowing a signal never keeps it alive.
 */
export class NodeRegistry<T extends object> {
  private readonly ids = new WeakMap<T, SignalGraphNode>();
  private readonly refs = new Set<WeakRef<T>>();
  private next = 1;

  /** The node of `obj`, created on first sight with `name` or a generated `kind#n`. */
  node(obj: T, kind: SignalGraphNode['kind'], name: string | undefined): SignalGraphNode {
    let node = this.ids.get(obj);
    if (node === undefined) {
      const id = `${kind}#${this.next++}`;
      node = { id, name: name || id, kind };
      this.ids.set(obj, node);
      this.refs.add(new WeakRef(obj));
    }
    return node;
  }

  known(obj: T): SignalGraphNode | undefined {
    return this.ids.get(obj);
  }

  /** Live objects seen so far (collected ones are forgotten). */
  *live(): Iterable<T> {
    for (const ref of this.refs) {
      const obj = ref.deref();
      if (obj === undefined) this.refs.delete(ref);
      else yield obj;
    }
  }

  /**
   * The graph reachable from every live known object, following `dependents` (objects that
   * read it) and `sources` (objects it reads) as the library reports them.
   */
  graph(
    describe: (obj: T) => { kind: SignalGraphNode['kind']; name?: string; sources: T[]; dependents: T[] },
  ): SignalGraph {
    const nodes = new Map<string, SignalGraphNode>();
    const edges = new Map<string, { from: string; to: string }>();
    const queue = [...this.live()];
    const seen = new Set<T>();
    while (queue.length > 0) {
      const obj = queue.pop()!;
      if (seen.has(obj)) continue;
      seen.add(obj);
      const d = describe(obj);
      const self = this.node(obj, d.kind, d.name);
      nodes.set(self.id, self);
      for (const source of d.sources) {
        const s = this.node(source, describe(source).kind, describe(source).name);
        edges.set(`${s.id}>${self.id}`, { from: s.id, to: self.id });
        queue.push(source);
      }
      for (const dependent of d.dependents) {
        const t = this.node(dependent, describe(dependent).kind, describe(dependent).name);
        edges.set(`${self.id}>${t.id}`, { from: self.id, to: t.id });
        queue.push(dependent);
      }
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }
}

const SHAPES: Record<SignalGraphNode['kind'], string> = { signal: 'ellipse', computed: 'box', effect: 'diamond' };

/** A DOT string literal: quotes, backslashes and line breaks escaped. */
function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** Graphviz DOT of a signal graph (signals as ellipses, computeds as boxes, effects as diamonds). */
export function toDot(graph: SignalGraph): string {
  const lines = ['digraph signals {', '  rankdir=LR;'];
  for (const n of graph.nodes)
    lines.push(`  ${dotString(n.id)} [label=${dotString(n.name)}, shape=${SHAPES[n.kind]}];`);
  for (const e of graph.edges) lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)};`);
  lines.push('}');
  return lines.join('\n');
}
