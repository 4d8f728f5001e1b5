import type { ComponentRenderStats } from './types.js';

/** Bounded per-component counters behind slowestComponents() and topRerenders(). */
export class ComponentStats {
  private readonly byName = new Map<string, ComponentRenderStats>();
  dropped = 0;

  constructor(private readonly maxComponents: number) {}

  record(name: string, phase: string, ms: number): void {
    let s = this.byName.get(name);
    if (s === undefined) {
      if (this.byName.size >= this.maxComponents) {
        this.dropped++;
        return;
      }
      s = { name, renders: 0, mounts: 0, rerenders: 0, totalMs: 0, maxMs: 0, avgMs: 0, lastMs: 0 };
      this.byName.set(name, s);
    }
    s.renders++;
    if (phase === 'mount') s.mounts++;
    else s.rerenders++;
    s.totalMs += ms;
    s.lastMs = ms;
    if (ms > s.maxMs) s.maxMs = ms;
    s.avgMs = s.totalMs / s.renders;
  }

  /** The n components with the highest average commit time. */
  slowest(n: number): ComponentRenderStats[] {
    return [...this.byName.values()]
      .sort((a, b) => b.avgMs - a.avgMs || b.maxMs - a.maxMs)
      .slice(0, Math.max(0, n))
      .map((s) => ({ ...s }));
  }

  /** The n components re-rendered most often. */
  topRerenders(n: number): ComponentRenderStats[] {
    return [...this.byName.values()]
      .sort((a, b) => b.rerenders - a.rerenders || b.totalMs - a.totalMs)
      .slice(0, Math.max(0, n))
      .map((s) => ({ ...s }));
  }

  reset(): void {
    this.byName.clear();
    this.dropped = 0;
  }
}
