import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ServiceProfileListResponse,
  ServiceProfileSaveRequest,
  ServiceProfileSaveResponse,
} from '@kubemate/plugin-kubemate-common';

/** Where a ServiceProfile is saved: one of the entity's Services. */
export interface ServiceProfileTarget {
  cluster: string;
  namespace: string;
  service: string;
}

/** Linkerd ServiceProfiles of an entity's Services: read, preview and save. */
export interface ServiceProfilesApi {
  listServiceProfiles(
    entity: CompoundEntityRef,
  ): Promise<ServiceProfileListResponse>;
  /** Creates or replaces a profile; `dryRun` answers the diff only; 409 when stale. */
  saveServiceProfile(
    entity: CompoundEntityRef,
    target: ServiceProfileTarget,
    request: ServiceProfileSaveRequest,
  ): Promise<ServiceProfileSaveResponse>;
}

export const serviceProfilesApiRef = createApiRef<ServiceProfilesApi>({
  id: 'plugin.kubemate.service-profiles',
});
