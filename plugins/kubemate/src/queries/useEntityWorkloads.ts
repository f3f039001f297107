import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import { kubemateApiRef } from '../api';
import { kubemateKeys } from './queryKeys';

/**
 * The entity's workloads. The backend answers from watch caches, so polling every few
 * seconds is cheap and keeps the tab live.
 */
export function useEntityWorkloads(entity: Entity, refetchIntervalMs = 5_000) {
  const api = useApi(kubemateApiRef);
  const ref = getCompoundEntityRef(entity);
  return useQuery({
    queryKey: kubemateKeys.entityWorkloads(stringifyEntityRef(ref)),
    queryFn: () => api.getEntityWorkloads(ref),
    refetchInterval: refetchIntervalMs,
  });
}
