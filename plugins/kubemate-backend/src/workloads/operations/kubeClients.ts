import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

/** The typed API clients an operation needs (the cluster service's shared ones). */
export type { WorkloadActionClients as KubeClients } from '@kubemate/plugin-kubemate-node';

/** Request options that send a patch body with the given patch type. */
export const patchAs = (strategy: PatchStrategy) =>
  setHeaderOptions('Content-Type', strategy);
export { PatchStrategy };

/** Field manager recorded in managedFields for every Kubemate write. */
export const FIELD_MANAGER = 'kubemate';
