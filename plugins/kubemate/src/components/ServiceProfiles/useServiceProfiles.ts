import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { ServiceProfileSaveRequest } from '@kubemate/plugin-kubemate-common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  serviceProfilesApiRef,
  type ServiceProfileTarget,
} from '../../api/ServiceProfilesApi';

const keyOf = (entityRef: string) =>
  ['kubemate', 'service-profiles', entityRef] as const;

/** The ServiceProfiles of the Services of an entity, given by reference. */
export function useServiceProfilesOf(ref: CompoundEntityRef) {
  const api = useApi(serviceProfilesApiRef);
  return useQuery({
    queryKey: keyOf(stringifyEntityRef(ref)),
    queryFn: () => api.listServiceProfiles(ref),
  });
}

/** The ServiceProfiles of the entity's Services. */
export function useServiceProfiles(entity: Entity) {
  return useServiceProfilesOf(getCompoundEntityRef(entity));
}

/** Previews (dry run) or saves a profile; a save refreshes the list. */
export function useSaveServiceProfile(entity: Entity) {
  const api = useApi(serviceProfilesApiRef);
  const queryClient = useQueryClient();
  const ref = getCompoundEntityRef(entity);
  return useMutation({
    mutationFn: (input: {
      target: ServiceProfileTarget;
      request: ServiceProfileSaveRequest;
    }) => api.saveServiceProfile(ref, input.target, input.request),
    onSuccess: (_answer, input) => {
      if (!input.request.dryRun) {
        void queryClient.invalidateQueries({
          queryKey: keyOf(stringifyEntityRef(ref)),
        });
      }
    },
  });
}
