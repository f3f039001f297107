/** Query-key factory: every cache key of the plugin is built here. */
export const kubemateKeys = {
  all: ['kubemate'] as const,
  clusters: () => [...kubemateKeys.all, 'clusters'] as const,
  namespaces: () => [...kubemateKeys.all, 'namespaces'] as const,
  entityWorkloads: (entityRef: string) =>
    [...kubemateKeys.all, 'entity-workloads', entityRef] as const,
  entityRoutes: (entityRef: string) =>
    [...kubemateKeys.all, 'entity-routes', entityRef] as const,
  /** Every page and filter of one entity's audit log (invalidated after an action). */
  entityAudit: (entityRef: string) =>
    [...kubemateKeys.all, 'entity-audit', entityRef] as const,
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
