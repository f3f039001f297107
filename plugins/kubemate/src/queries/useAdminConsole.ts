import { useApi } from '@backstage/core-plugin-api';
import type { ClusterEventsQuery } from '@kubemate/plugin-kubemate-common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { kubemateApiRef, type AuditFilters } from '../api';
import { kubemateKeys } from './queryKeys';

/** A cluster's nodes with capacity, requests, limits and usage (refreshed every 30 s). */
export function useClusterNodes(cluster: string | undefined) {
  const api = useApi(kubemateApiRef);
  return useQuery({
    queryKey: kubemateKeys.clusterNodes(cluster ?? ''),
    queryFn: () => api.listClusterNodes(cluster!),
    enabled: !!cluster,
    refetchInterval: 30_000,
  });
}

/** A cluster's events as filtered, refreshed every 10 s while shown. */
export function useClusterEvents(
  cluster: string | undefined,
  query: ClusterEventsQuery,
) {
  const api = useApi(kubemateApiRef);
  return useQuery({
    queryKey: kubemateKeys.clusterEvents(cluster ?? '', query),
    queryFn: () => api.listClusterEvents(cluster!, query),
    enabled: !!cluster,
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
}

/** One page of the whole audit log; the previous page stays while the next one loads. */
export function useAuditLog(
  filters: AuditFilters & { entityRef?: string },
  page: { limit: number; offset: number },
) {
  const api = useApi(kubemateApiRef);
  return useQuery({
    queryKey: kubemateKeys.audit({ ...filters, ...page }),
    queryFn: () => api.listAudit({ ...filters, ...page }),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
}
