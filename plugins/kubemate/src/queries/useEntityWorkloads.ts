import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  entityChangedChannel,
  type EntityChangedSignal,
} from '@kubemate/plugin-kubemate-common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { kubemateApiRef } from '../api';
import { kubemateKeys } from './queryKeys';

export interface EntityWorkloadsRefresh {
  /** Polling interval when changes are not signalled; default 5 s. */
  pollMs?: number;
  /** Polling interval while signals arrive, only as a safety net; default 30 s. */
  signalledPollMs?: number;
}

/**
 * The entity's workloads, refetched when the backend signals a change (Backstage signals).
 * Polling takes over when no signal API is installed, and also when a poll finds a change no
 * signal announced (the signal connection is down), until a signal arrives again. Refetches
 * are cheap: the backend answers an unchanged entity with 304 Not Modified.
 */
export function useEntityWorkloads(
  entity: Entity,
  refresh: EntityWorkloadsRefresh = {},
) {
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(ref);
  const queryKey = useMemo(
    () => kubemateKeys.entityWorkloads(entityRef),
    [entityRef],
  );
  const { lastSignal, isSignalsAvailable } = useSignal<EntityChangedSignal>(
    entityChangedChannel(ref),
  );
  const [signalsMissed, setSignalsMissed] = useState(false);
  const announced = useRef(false);

  useEffect(() => {
    if (!lastSignal) return;
    announced.current = true;
    setSignalsMissed(false);
    void queryClient.invalidateQueries({ queryKey, exact: true });
  }, [lastSignal, queryClient, queryKey]);

  const live = isSignalsAvailable && !signalsMissed;
  const query = useQuery({
    queryKey,
    queryFn: () => api.getEntityWorkloads(ref),
    refetchInterval: live
      ? refresh.signalledPollMs ?? 30_000
      : refresh.pollMs ?? 5_000,
  });

  // Structural sharing keeps `data` identical while nothing changed, so a new object is news;
  // news that no signal announced means signals are not reaching this page.
  const previous = useRef(query.data);
  useEffect(() => {
    const before = previous.current;
    previous.current = query.data;
    const unannounced =
      before !== undefined && before !== query.data && !announced.current;
    announced.current = false;
    if (unannounced && isSignalsAvailable) setSignalsMissed(true);
    // Every completed fetch (dataUpdatedAt) settles what the last signal announced.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.dataUpdatedAt]);

  return query;
}
