import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { ObservabilityLinksQuery } from '@kubemate/plugin-kubemate-common';
import { useQuery } from '@tanstack/react-query';
import { kubemateApiRef } from '../../api';
import { kubemateKeys } from '../../queries';

/**
 * The rendered links of the entity (no target) or of one of its objects. The time window ends
 * when the links are fetched; they are fetched again after a minute, so "the last hour" stays
 * the last hour.
 */
export function useObservabilityLinks(
  entity: Entity | CompoundEntityRef,
  target: Omit<ObservabilityLinksQuery, 'from' | 'to'> = {},
  enabled = true,
) {
  const api = useApi(kubemateApiRef);
  // A page that knows only the reference (a release's) asks by it.
  const ref = 'metadata' in entity ? getCompoundEntityRef(entity) : entity;
  return useQuery({
    queryKey: [
      ...kubemateKeys.all,
      'observability-links',
      stringifyEntityRef(ref),
      target,
    ],
    queryFn: () => api.getObservabilityLinks(ref, target),
    enabled,
    staleTime: 60_000,
  });
}

/** A link is rendered only when it is http(s), whatever the backend sent. */
export const isHttpUrl = (url: string) => /^https?:\/\//i.test(url);
