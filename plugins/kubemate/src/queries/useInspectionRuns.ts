import { useApi } from '@backstage/core-plugin-api';
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { inspectionApiRef, type RunStatus } from '../api';
import { kubemateKeys } from './queryKeys';

/** While a run is in progress its progress is polled at this pace. */
export const RUNNING_POLL_MS = 2_000;

/** Run history, newest first; polled quickly while any listed run is still running. */
export function useInspectionRuns(
  query: {
    cluster?: string;
    status?: RunStatus;
    limit: number;
    offset: number;
  },
  idleRefetchMs = 30_000,
) {
  const api = useApi(inspectionApiRef);
  return useQuery({
    queryKey: kubemateKeys.inspection.runs(query),
    queryFn: () => api.listRuns(query),
    placeholderData: keepPreviousData,
    refetchInterval: q =>
      q.state.data?.items.some(r => r.status === 'running')
        ? RUNNING_POLL_MS
        : idleRefetchMs,
  });
}

/** Findings new and fixed in a run compared with the previous run of its cluster. */
export function useInspectionRunDiff(runId: string, enabled = true) {
  const api = useApi(inspectionApiRef);
  return useQuery({
    queryKey: kubemateKeys.inspection.runDiff(runId),
    queryFn: () => api.getRunDiff(runId),
    enabled,
  });
}

/** Starts a manual run; the run list and cluster summaries refresh (and then poll). */
export function useStartInspectionRun() {
  const api = useApi(inspectionApiRef);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { cluster: string; profile?: string }) =>
      api.startRun(input.cluster, input.profile),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: kubemateKeys.inspection.all() }),
  });
}

/**
 * When a run that was running is no longer, every inspection view (summaries, trends, risk
 * lists) is out of date: refetch them all once.
 */
export function useRefreshWhenRunsFinish(runningIds: string[]) {
  const client = useQueryClient();
  const previous = useRef<string[]>([]);
  const key = runningIds.join(',');
  useEffect(() => {
    const now = key ? key.split(',') : [];
    const finished = previous.current.some(id => !now.includes(id));
    previous.current = now;
    if (finished) {
      client.invalidateQueries({ queryKey: kubemateKeys.inspection.all() });
    }
  }, [key, client]);
}
