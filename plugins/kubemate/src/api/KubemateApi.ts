import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ClusterListResponse,
  EntityWorkloadsResponse,
} from '@kubemate/plugin-kubemate-common';

/** Client of the Kubemate backend. The frontend never talks to Kubernetes directly. */
export interface KubemateApi {
  listClusters(): Promise<ClusterListResponse>;
  /** The entity's workloads in every cluster it maps to, from the backend's watch caches. */
  getEntityWorkloads(
    entity: CompoundEntityRef,
  ): Promise<EntityWorkloadsResponse>;
}

/** Works in both the legacy and the new frontend system. */
export const kubemateApiRef = createApiRef<KubemateApi>({
  id: 'plugin.kubemate.api',
});
