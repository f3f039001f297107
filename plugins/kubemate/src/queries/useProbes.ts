import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { ProbeRun } from '@kubemate/plugin-kubemate-common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { probesApiRef } from '../api';
import { kubemateKeys } from './queryKeys';

/** Query keys of probes: `probeKeys.all()` is invalidated after a manual run. */
export const probeKeys = {
  all: () => [...kubemateKeys.all, 'probes'] as const,
  fleet: () => [...probeKeys.all(), 'fleet'] as const,
  entity: (entityRef: string) =>
    [...probeKeys.all(), 'entity', entityRef] as const,
  runs: (id: string) => [...probeKeys.all(), 'runs', id] as const,
};

/** Probes run on their own (schedules, changes): lists refresh every few seconds. */
const LIST_POLL_MS = 10_000;
const RUNNING_POLL_MS = 1_000;

const anyRunning = (runs?: Array<Pick<ProbeRun, 'status'> | undefined>) =>
  !!runs?.some(r => r?.status === 'running');

/** Every probe, failing ones first; polled faster while a run is going. */
export function useFleetProbes() {
  const api = useApi(probesApiRef);
  return useQuery({
    queryKey: probeKeys.fleet(),
    queryFn: () => api.listProbes(),
    refetchInterval: q =>
      anyRunning(q.state.data?.items.map(p => p.lastRun))
        ? RUNNING_POLL_MS
        : LIST_POLL_MS,
  });
}

/** The probes naming the entity in their `entityRefs`. */
export function useEntityProbes(entity: Entity) {
  const api = useApi(probesApiRef);
  const ref = getCompoundEntityRef(entity);
  return useQuery({
    queryKey: probeKeys.entity(stringifyEntityRef(ref)),
    queryFn: () => api.listEntityProbes(ref),
    refetchInterval: q =>
      anyRunning(q.state.data?.items.map(p => p.lastRun))
        ? RUNNING_POLL_MS
        : LIST_POLL_MS,
  });
}

/** A probe's runs, newest first (its history). */
export function useProbeRuns(id: string | undefined, limit = 50) {
  const api = useApi(probesApiRef);
  return useQuery({
    queryKey: probeKeys.runs(id ?? ''),
    queryFn: () => api.listProbeRuns(id!, limit),
    enabled: !!id,
    refetchInterval: q =>
      anyRunning(q.state.data?.items) ? RUNNING_POLL_MS : LIST_POLL_MS,
  });
}

/** Runs a probe now; every probe query refreshes (and polls while it runs). */
export function useRunProbe() {
  const api = useApi(probesApiRef);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.runProbe(id),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: probeKeys.all() }),
  });
}
