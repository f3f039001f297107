import { createApiRef } from '@backstage/core-plugin-api';
import type { ClusterListResponse } from '@kubemate/plugin-kubemate-common';

/** Client of the Kubemate backend. The frontend never talks to Kubernetes directly. */
export interface KubemateApi {
  listClusters(): Promise<ClusterListResponse>;
}

/** Works in both the legacy and the new frontend system. */
export const kubemateApiRef = createApiRef<KubemateApi>({
  id: 'plugin.kubemate.api',
});
