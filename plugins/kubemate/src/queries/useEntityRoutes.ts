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
import { useEffect, useMemo } from 'react';
import { kubemateApiRef } from '../api';
import { kubemateKeys } from './queryKeys';

/**
 * The entity's routes. Refetched when the entity's workloads change (its Services may have)
 * and every 15 s, since route edits are not signalled yet.
 */
export function useEntityRoutes(entity: Entity) {
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(ref);
  const queryKey = useMemo(
    () => kubemateKeys.entityRoutes(entityRef),
    [entityRef],
  );
  const { lastSignal } = useSignal<EntityChangedSignal>(
    entityChangedChannel(ref),
  );
  useEffect(() => {
    if (lastSignal) void queryClient.invalidateQueries({ queryKey });
  }, [lastSignal, queryClient, queryKey]);
  return useQuery({
    queryKey,
    queryFn: () => api.getEntityRoutes(ref),
    refetchInterval: 15_000,
  });
}
