/** Query-key factory: every cache key of the plugin is built here. */
export const kubemateKeys = {
  all: ['kubemate'] as const,
  clusters: () => [...kubemateKeys.all, 'clusters'] as const,
  entityWorkloads: (entityRef: string) =>
    [...kubemateKeys.all, 'entity-workloads', entityRef] as const,
};
