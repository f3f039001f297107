import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  PROBES_CHANNEL,
  type ProbeRun,
  type ProbesChangedSignal,
} from '@kubemate/plugin-kubemate-common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
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

/**
 * Probes run on their own (schedules, changes): the backend signals each run's start and end,
 * and the lists are fetched again then; without signals they poll, every second while a run
 * is going.
 */
const SIGNALLED_POLL_MS = 60_000;
const LIST_POLL_MS = 10_000;
const RUNNING_POLL_MS = 1_000;

const anyRunning = (runs?: Array<Pick<ProbeRun, 'status'> | undefined>) =>
  !!runs?.some(r => r?.status === 'running');

/** Fetches every probe query again on the backend's signal; whether signals arrive. */
function useProbeSignals(): boolean {
  const queryClient = useQueryClient();
  const { lastSignal, isSignalsAvailable } =
    useSignal<ProbesChangedSignal>(PROBES_CHANNEL);
  useEffect(() => {
    if (lastSignal) {
      void queryClient.invalidateQueries({ queryKey: probeKeys.all() });
    }
  }, [lastSignal, queryClient]);
  return isSignalsAvailable;
}

const pollMs = (signalled: boolean, running: boolean) => {
  if (signalled) return SIGNALLED_POLL_MS;
  return running ? RUNNING_POLL_MS : LIST_POLL_MS;
};

/** Every probe, failing ones first; polled faster while a run is going. */
export function useFleetProbes() {
  const api = useApi(probesApiRef);
  const signalled = useProbeSignals();
  return useQuery({
    queryKey: probeKeys.fleet(),
    queryFn: () => api.listProbes(),
    refetchInterval: q =>
      pollMs(signalled, anyRunning(q.state.data?.items.map(p => p.lastRun))),
  });
}

/** The probes naming the entity in their `entityRefs`. */
export function useEntityProbes(entity: Entity) {
  const api = useApi(probesApiRef);
  const ref = getCompoundEntityRef(entity);
  const signalled = useProbeSignals();
  return useQuery({
    queryKey: probeKeys.entity(stringifyEntityRef(ref)),
    queryFn: () => api.listEntityProbes(ref),
    refetchInterval: q =>
      pollMs(signalled, anyRunning(q.state.data?.items.map(p => p.lastRun))),
  });
}

/** A probe's runs, newest first (its history). */
export function useProbeRuns(id: string | undefined, limit = 50) {
  const api = useApi(probesApiRef);
  const signalled = useProbeSignals();
  return useQuery({
    queryKey: probeKeys.runs(id ?? ''),
    queryFn: () => api.listProbeRuns(id!, limit),
    enabled: !!id,
    refetchInterval: q => pollMs(signalled, anyRunning(q.state.data?.items)),
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
