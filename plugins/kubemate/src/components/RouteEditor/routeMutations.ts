import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  RoutePreviewResponse,
  RouteSaveResponse,
} from '@kubemate/plugin-kubemate-common';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { kubemateApiRef } from '../../api';
import { kubemateKeys } from '../../queries';
import { editRequest, type RouteDraft } from './draft';

/** The HTTP status of a failed request (a ResponseError's), if it has one. */
export function statusOf(error: unknown): number | undefined {
  const e = error as
    | { statusCode?: unknown; response?: { status?: unknown } }
    | undefined;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.response?.status === 'number') return e.response.status;
  return undefined;
}

/** The backend's own message, without the HTTP status prefix. */
export function serverMessage(error: Error): string {
  const body = (error as { body?: { error?: { message?: unknown } } }).body;
  return typeof body?.error?.message === 'string'
    ? body.error.message
    : error.message;
}

export type RouteWrite = { cluster: string; draft: RouteDraft };

/** The server's dry run of the draft: YAML, diff, conflicts, warnings (400 with issues). */
export function useRoutePreview(entity: Entity, mode: 'create' | 'update') {
  const api = useApi(kubemateApiRef);
  return useMutation<RoutePreviewResponse, Error, RouteWrite>({
    mutationFn: ({ cluster, draft }) =>
      api.previewRoute(getCompoundEntityRef(entity), {
        ...editRequest(cluster, draft),
        mode,
      }),
  });
}

/**
 * Creates or updates the route (an update carries the resourceVersion it was loaded at, so a
 * change by someone else is a 409), then refreshes the Routes tab and the entity's activity.
 */
export function useRouteSave(entity: Entity, mode: 'create' | 'update') {
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  const entityRef = stringifyEntityRef(entity);
  return useMutation<RouteSaveResponse, Error, RouteWrite>({
    mutationFn: ({ cluster, draft }) => {
      const ref = getCompoundEntityRef(entity);
      const request = editRequest(cluster, draft);
      return mode === 'create'
        ? api.createRoute(ref, request)
        : api.updateRoute(ref, request);
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({
          queryKey: kubemateKeys.entityRoutes(entityRef),
        }),
        queryClient.invalidateQueries({
          queryKey: kubemateKeys.entityAudit(entityRef),
        }),
      ]),
  });
}
