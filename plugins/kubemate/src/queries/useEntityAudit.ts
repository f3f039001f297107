import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { kubemateApiRef, type AuditFilters } from '../api';
import { kubemateKeys } from './queryKeys';

/**
 * One page of the entity's audit log. Refreshed now and then so what colleagues do shows up;
 * the previous page stays on screen while the next one loads.
 */
export function useEntityAudit(
  entity: Entity,
  filters: AuditFilters,
  page: { limit: number; offset: number },
  options: { enabled: boolean; refetchIntervalMs?: number } = {
    enabled: true,
  },
) {
  const api = useApi(kubemateApiRef);
  const ref = getCompoundEntityRef(entity);
  return useQuery({
    queryKey: [
      ...kubemateKeys.entityAudit(stringifyEntityRef(ref)),
      filters,
      page,
    ],
    queryFn: () => api.listEntityAudit(ref, { ...filters, ...page }),
    enabled: options.enabled,
    refetchInterval: options.refetchIntervalMs ?? 15_000,
    placeholderData: keepPreviousData,
  });
}
