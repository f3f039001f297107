import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  clusterEventsChannel,
  type ClusterEventsQuery,
  type ClusterEventsSignal,
} from '@kubemate/plugin-kubemate-common';
import {
  keepPreviousData,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
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

/**
 * A cluster's events as filtered, live: fetched again on the backend's signal that the
 * cluster's warnings changed, and every 60 s as a safety net (every 10 s without signals).
 */
export function useClusterEvents(
  cluster: string | undefined,
  query: ClusterEventsQuery,
) {
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  const { lastSignal, isSignalsAvailable } = useSignal<ClusterEventsSignal>(
    clusterEventsChannel(cluster ?? ''),
  );
  useEffect(() => {
    if (!lastSignal || !cluster) return;
    void queryClient.invalidateQueries({
      queryKey: kubemateKeys.clusterEvents(cluster),
    });
  }, [lastSignal, cluster, queryClient]);
  return useQuery({
    queryKey: kubemateKeys.clusterEvents(cluster ?? '', query),
    queryFn: () => api.listClusterEvents(cluster!, query),
    enabled: !!cluster,
    refetchInterval: isSignalsAvailable ? 60_000 : 10_000,
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
