import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ResponseErrorPanel,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  kubemateRouteDeletePermission,
  type IngressRouteSummary,
  type RouteMigrateApplyResponse,
} from '@kubemate/plugin-kubemate-common';
import { Box, Button, Typography } from '@material-ui/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { kubemateApiRef } from '../../api';
import { kubemateKeys, useEntityRoutes } from '../../queries';
import { RouteConditions } from '../EntityRoutesContent/RouteConditions';
import { allAccepted, createdRouteStatus } from './migrationFormat';

// The routes query refetches every 15 s; while waiting for Accepted, ask more often.
const WATCH_INTERVAL_MS = 4_000;

/**
 * After the HTTPRoutes are created: their parents' conditions, watched until every one is
 * Accepted, then the offer to delete the IngressRoute (confirmed first).
 */
export function AfterApply(props: {
  cluster: string;
  ingressRoute: IngressRouteSummary;
  result: RouteMigrateApplyResponse;
}) {
  const { cluster, ingressRoute, result } = props;
  const { entity } = useEntity();
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  const entityRef = stringifyEntityRef(entity);
  const routes = useEntityRoutes(entity);
  const canDelete = usePermission({
    permission: kubemateRouteDeletePermission,
    resourceRef: entityRef,
  });
  const [confirming, setConfirming] = useState(false);
  const statuses = createdRouteStatus(
    routes.data?.items.find(c => c.cluster === cluster),
    result.created,
  );
  const accepted = allAccepted(statuses);
  const { refetch } = routes;
  useEffect(() => {
    if (accepted) return undefined;
    const timer = setInterval(() => void refetch(), WATCH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [accepted, refetch]);
  const remove = useMutation({
    mutationFn: () =>
      api.deleteRoute(getCompoundEntityRef(entity), {
        cluster,
        namespace: ingressRoute.namespace,
        name: ingressRoute.name,
        kind: 'IngressRoute',
        resourceVersion: ingressRoute.resourceVersion,
      }),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: kubemateKeys.entityRoutes(entityRef),
      }),
  });
  const irName = `${ingressRoute.namespace}/${ingressRoute.name}`;

  return (
    <Box component="section" aria-label="Migration applied">
      <Typography variant="h6" gutterBottom>
        Created {result.created.map(c => `${c.namespace}/${c.name}`).join(', ')}
      </Typography>
      {result.ingressRouteKept && (
        <Typography variant="body2" paragraph>
          The IngressRoute {irName} is kept until the new HTTPRoutes are
          Accepted.
        </Typography>
      )}
      {statuses.map(s => (
        <Box key={`${s.namespace}/${s.name}`} mb={1}>
          <Typography variant="subtitle2">
            {s.namespace}/{s.name}
          </Typography>
          {!s.found && (
            <StatusPending>
              Not listed in the cluster&apos;s routes yet
            </StatusPending>
          )}
          {s.found && s.parents.length === 0 && (
            <StatusPending>No parent has taken the route yet</StatusPending>
          )}
          {s.parents.map(p => (
            <Box
              key={`${p.kind}/${p.namespace}/${p.name}/${p.sectionName ?? ''}`}
            >
              <Typography variant="body2" color="textSecondary">
                {p.kind} {p.namespace}/{p.name}
                {p.sectionName ? ` · ${p.sectionName}` : ''}
              </Typography>
              <RouteConditions conditions={p.conditions} />
            </Box>
          ))}
        </Box>
      ))}
      {routes.error && <ResponseErrorPanel error={routes.error} />}
      {result.ingressRouteKept && !accepted && (
        <StatusPending>
          Waiting until every new HTTPRoute is Accepted by its parents…
        </StatusPending>
      )}
      {result.ingressRouteKept && accepted && (
        <Box mt={1}>
          <StatusOK>Every new HTTPRoute is Accepted by its parents.</StatusOK>
          {remove.isSuccess && (
            <Typography variant="body2">
              IngressRoute {irName} deleted.
            </Typography>
          )}
          {!remove.isSuccess && !canDelete.loading && !canDelete.allowed && (
            <Typography variant="body2" color="textSecondary">
              You may not delete this entity&apos;s routes: ask its owners to
              delete the IngressRoute {irName}.
            </Typography>
          )}
          {!remove.isSuccess && canDelete.allowed && !confirming && (
            <Box mt={1}>
              <Button
                variant="outlined"
                color="secondary"
                onClick={() => setConfirming(true)}
              >
                Delete IngressRoute
              </Button>
            </Box>
          )}
          {!remove.isSuccess && canDelete.allowed && confirming && (
            <Box mt={1} role="alertdialog" aria-label="Confirm delete">
              <Typography variant="body2" paragraph>
                Delete IngressRoute {irName}? Traefik stops serving it; the
                HTTPRoutes carry its traffic from then on.
              </Typography>
              <Button onClick={() => setConfirming(false)}>Cancel</Button>
              <Button
                variant="contained"
                color="secondary"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                Delete {irName}
              </Button>
            </Box>
          )}
          {remove.error && <ResponseErrorPanel error={remove.error} />}
        </Box>
      )}
    </Box>
  );
}
