import { useApi } from '@backstage/core-plugin-api';
import { useQueries, useQuery } from '@tanstack/react-query';
import { inspectionApiRef, type SummaryScope, type TrendPoint } from '../api';
import { kubemateKeys } from './queryKeys';
import { RUNNING_POLL_MS } from './useInspectionRuns';

/** Current state (latest runs + live risk items) of a cluster, namespace or entity. */
export function useInspectionSummary(scope: SummaryScope) {
  const api = useApi(inspectionApiRef);
  return useQuery({
    queryKey: kubemateKeys.inspection.summary(scope),
    queryFn: () => api.getSummary(scope),
  });
}

/**
 * Inspected clusters with their latest run and current summary; polled while a cluster's
 * latest run is still running, so its progress and then its results appear by themselves.
 */
export function useInspectionClusters(idleRefetchMs: number | false = false) {
  const api = useApi(inspectionApiRef);
  return useQuery({
    queryKey: kubemateKeys.inspection.clusters(),
    queryFn: () => api.listClusters(),
    refetchInterval: q =>
      q.state.data?.some(c => c.latestRun?.status === 'running')
        ? RUNNING_POLL_MS
        : idleRefetchMs,
  });
}

export interface ClusterTrend {
  cluster: string;
  points: TrendPoint[];
}

/**
 * The trend of a scope in each of the given clusters (the trend API is per cluster), so an
 * entity deployed to several clusters gets one series per cluster.
 */
export function useInspectionTrends(
  clusters: string[],
  scope: Omit<SummaryScope, 'cluster'> = {},
  limit = 30,
) {
  const api = useApi(inspectionApiRef);
  return useQueries({
    queries: clusters.map(cluster => {
      const query = { ...scope, cluster, limit };
      return {
        queryKey: kubemateKeys.inspection.trend(query),
        queryFn: async (): Promise<ClusterTrend> => ({
          cluster,
          points: await api.getTrend(query),
        }),
      };
    }),
    combine: results => ({
      data: results.flatMap(r => (r.data ? [r.data] : [])),
      isPending: results.some(r => r.isPending),
      error: results.find(r => r.error)?.error ?? null,
    }),
  });
}
