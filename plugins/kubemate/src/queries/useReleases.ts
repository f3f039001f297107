import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  CreateReleaseRequest,
  Release,
  ReleaseAction,
  ReleaseState,
} from '@kubemate/plugin-kubemate-common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { kubemateApiRef } from '../api';
import { kubemateKeys } from './queryKeys';

/** States in which the backend still drives a release (or waits for a person). */
export const ACTIVE_RELEASE_STATES: readonly ReleaseState[] = [
  'progressing',
  'paused',
  'waiting',
];

export const isReleaseActive = (release: Pick<Release, 'state'>) =>
  ACTIVE_RELEASE_STATES.includes(release.state);

/** Releases move on their own (the backend steps them): lists refresh every few seconds. */
const LIST_POLL_MS = 5_000;
const RELEASE_POLL_MS = 2_000;

/** Releases across the fleet, failing and waiting first (the backend's order). */
export function useFleetReleases() {
  const api = useApi(kubemateApiRef);
  return useQuery({
    queryKey: kubemateKeys.releases.fleet(),
    queryFn: () => api.listReleases(),
    refetchInterval: LIST_POLL_MS,
  });
}

/** The entity's releases, newest first. */
export function useEntityReleases(entity: Entity) {
  const api = useApi(kubemateApiRef);
  const ref = getCompoundEntityRef(entity);
  return useQuery({
    queryKey: kubemateKeys.releases.entity(stringifyEntityRef(ref)),
    queryFn: () => api.listEntityReleases(ref),
    refetchInterval: LIST_POLL_MS,
  });
}

/** One release with its timeline; refreshed every 2 s while it is active, then left alone. */
export function useRelease(id: string) {
  const api = useApi(kubemateApiRef);
  return useQuery({
    queryKey: kubemateKeys.releases.one(id),
    queryFn: () => api.getRelease(id),
    refetchInterval: query =>
      query.state.data && !isReleaseActive(query.state.data)
        ? false
        : RELEASE_POLL_MS,
  });
}

/** Starts a release of the entity; the lists refresh after it. */
export function useCreateRelease(entity: Entity) {
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  const ref = getCompoundEntityRef(entity);
  return useMutation({
    mutationFn: (request: CreateReleaseRequest) =>
      api.createRelease(ref, request),
    onSuccess: release => {
      queryClient.setQueryData(kubemateKeys.releases.one(release.id), release);
      void queryClient.invalidateQueries({
        queryKey: kubemateKeys.releases.all(),
      });
    },
  });
}

/** Pause, resume, set-weight, promote or abort; the answer is the release after it. */
export function useReleaseAction(id: string) {
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: { action: ReleaseAction; weight?: number }) =>
      api.actOnRelease(id, vars.action, vars.weight),
    onSuccess: release => {
      queryClient.setQueryData(kubemateKeys.releases.one(id), release);
      void queryClient.invalidateQueries({
        queryKey: kubemateKeys.releases.all(),
      });
    },
  });
}
