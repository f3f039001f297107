/** Query-key factory: every cache key of the plugin is built here. */
export const kubemateKeys = {
  all: ['kubemate'] as const,
  clusters: () => [...kubemateKeys.all, 'clusters'] as const,
  namespaces: () => [...kubemateKeys.all, 'namespaces'] as const,
  entityWorkloads: (entityRef: string) =>
    [...kubemateKeys.all, 'entity-workloads', entityRef] as const,
  entityRoutes: (entityRef: string) =>
    [...kubemateKeys.all, 'entity-routes', entityRef] as const,
  /** Admin console: a cluster's nodes and events; the whole audit log. */
  clusterNodes: (cluster: string) =>
    [...kubemateKeys.all, 'cluster-nodes', cluster] as const,
  /** Without a query: every filter of the cluster's events (what a signal invalidates). */
  clusterEvents: (cluster: string, query?: object) =>
    query === undefined
      ? ([...kubemateKeys.all, 'cluster-events', cluster] as const)
      : ([...kubemateKeys.all, 'cluster-events', cluster, query] as const),
  audit: (query: object) => [...kubemateKeys.all, 'audit', query] as const,
  /** Every page and filter of one entity's audit log (invalidated after an action). */
  entityAudit: (entityRef: string) =>
    [...kubemateKeys.all, 'entity-audit', entityRef] as const,
  /** Releases: `releases.all()` is invalidated after a release is started or acted on. */
  releases: {
    all: () => [...kubemateKeys.all, 'releases'] as const,
    fleet: () => [...kubemateKeys.releases.all(), 'fleet'] as const,
    entity: (entityRef: string) =>
      [...kubemateKeys.releases.all(), 'entity', entityRef] as const,
    one: (id: string) => [...kubemateKeys.releases.all(), 'one', id] as const,
  },
  /** Live golden metrics of a release (not under `releases.all()`: each poll is a new point). */
  releaseMetrics: (id: string) =>
    [...kubemateKeys.all, 'release-metrics', id] as const,
  /** Inspection: `inspection.all()` is invalidated after a run or an ignore. */
  inspection: {
    all: () => [...kubemateKeys.all, 'inspection'] as const,
    rules: () => [...kubemateKeys.inspection.all(), 'rules'] as const,
    profiles: () => [...kubemateKeys.inspection.all(), 'profiles'] as const,
    clusters: () => [...kubemateKeys.inspection.all(), 'clusters'] as const,
    runs: (query: object) =>
      [...kubemateKeys.inspection.all(), 'runs', query] as const,
    runDiff: (id: string) =>
      [...kubemateKeys.inspection.all(), 'run-diff', id] as const,
    findings: (query: object) =>
      [...kubemateKeys.inspection.all(), 'findings', query] as const,
    finding: (fingerprint: string) =>
      [...kubemateKeys.inspection.all(), 'finding', fingerprint] as const,
    summary: (scope: object) =>
      [...kubemateKeys.inspection.all(), 'summary', scope] as const,
    trend: (scope: object) =>
      [...kubemateKeys.inspection.all(), 'trend', scope] as const,
  },
};
