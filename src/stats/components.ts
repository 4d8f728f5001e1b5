/**
 * Per-component render statistics (ms), as any component-framework instrumentation reports them
 * (React's today; a Vue, Solid or Angular one would report the same shape). Framework-neutral on
 * purpose: the overlay and the deprecated handle aliases read it without importing any framework.
 */
export interface ComponentRenderStats {
  name: string;
  /** Commits of any phase. */
  renders: number;
  mounts: number;
  /** update + nested-update commits: re-renders. */
  rerenders: number;
  totalMs: number;
  maxMs: number;
  avgMs: number;
  lastMs: number;
}

/** What an instrumentation implements to feed the overlay's component sections. Found by shape. */
export interface ComponentStatsSource {
  slowestComponents(n: number): ComponentRenderStats[];
  topRerenders(n: number): ComponentRenderStats[];
}

/** The first of `candidates` that is a ComponentStatsSource. */
export function findComponentSource(candidates: readonly unknown[]): ComponentStatsSource | undefined {
  return candidates.find(
    (i): i is ComponentStatsSource =>
      typeof (i as Partial<ComponentStatsSource> | null)?.slowestComponents === 'function' &&
      typeof (i as Partial<ComponentStatsSource> | null)?.topRerenders === 'function',
  );
}
