import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  kubemateRouteCreatePermission,
  kubemateRouteUpdatePermission,
  type ClusterRoutes,
  type HttpRouteSummary,
} from '@kubemate/plugin-kubemate-common';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { useState } from 'react';
import { KubemateQueryProvider, useEntityRoutes } from '../../queries';
import { RouteConflictsTable, RouteEditorDialog } from '../RouteEditor';
import { RouteTesterPanel } from '../RouteTester';
import { ServiceProfilesSection } from '../ServiceProfiles';
import { HttpRoutesTable } from './HttpRoutesTable';
import { IngressRoutesTable } from './IngressRoutesTable';

/** The editor open on one cluster: a new route, or one of its HTTPRoutes. */
type Editing = { cluster: string; route?: HttpRouteSummary };

function Routes() {
  const { entity } = useEntity();
  const { data, error, isPending } = useEntityRoutes(entity);
  const entityRef = stringifyEntityRef(entity);
  // The backend checks the same permissions; hiding spares buttons that would answer 403.
  const create = usePermission({
    permission: kubemateRouteCreatePermission,
    resourceRef: entityRef,
  });
  const update = usePermission({
    permission: kubemateRouteUpdatePermission,
    resourceRef: entityRef,
  });
  const [editing, setEditing] = useState<Editing>();
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  // From the latest data, so a refetch while the dialog is open does not lose the cluster.
  const editedCluster: ClusterRoutes | undefined = editing
    ? data.items.find(c => c.cluster === editing.cluster)
    : undefined;
  return (
    <Grid container spacing={3}>
      {data.items.map(cluster => (
        <Grid item xs={12} key={cluster.cluster}>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
          >
            <Typography variant="h5" gutterBottom>
              {cluster.title ?? cluster.cluster}
            </Typography>
            {cluster.status === 'ok' &&
              create.allowed &&
              !cluster.notInstalled.includes('HTTPRoute') && (
                <Button
                  variant="outlined"
                  color="primary"
                  startIcon={<AddIcon />}
                  disabled={cluster.namespaces.length === 0}
                  onClick={() => setEditing({ cluster: cluster.cluster })}
                >
                  Create route
                </Button>
              )}
          </Box>
          {cluster.status === 'error' ? (
            <WarningPanel
              severity="error"
              title={`Routes of cluster ${cluster.cluster} could not be read`}
              message={cluster.error}
            />
          ) : (
            <Grid container spacing={2}>
              {cluster.notInstalled.length > 0 && (
                <Grid item xs={12}>
                  <WarningPanel
                    severity="info"
                    title={`Not installed in this cluster: ${cluster.notInstalled.join(
                      ', ',
                    )}`}
                  />
                </Grid>
              )}
              {cluster.warnings.map(warning => (
                <Grid item xs={12} key={warning}>
                  <WarningPanel severity="warning" title={warning} />
                </Grid>
              ))}
              <Grid item xs={12}>
                <HttpRoutesTable
                  routes={cluster.httpRoutes}
                  onEdit={
                    update.allowed
                      ? route => setEditing({ cluster: cluster.cluster, route })
                      : undefined
                  }
                />
              </Grid>
              {cluster.conflicts.length > 0 && (
                <Grid item xs={12}>
                  <RouteConflictsTable conflicts={cluster.conflicts} />
                </Grid>
              )}
              <Grid item xs={12}>
                <IngressRoutesTable
                  routes={cluster.ingressRoutes}
                  cluster={cluster}
                />
              </Grid>
              {cluster.notInstalled.includes('HTTPRoute') ? null : (
                <Grid item xs={12}>
                  <RouteTesterPanel cluster={cluster} />
                </Grid>
              )}
            </Grid>
          )}
        </Grid>
      ))}
      <Grid item xs={12}>
        <ServiceProfilesSection entity={entity} />
      </Grid>
      {editing && editedCluster && (
        <RouteEditorDialog
          // A new dialog (fresh draft) for each route opened.
          key={`${editing.cluster}/${editing.route?.namespace}/${editing.route?.name}`}
          entity={entity}
          cluster={editedCluster}
          route={editing.route}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Grid>
  );
}

/** The entity page "Routes" tab: per cluster, the routes that reach the entity's Services. */
export function EntityRoutesContent() {
  return (
    <KubemateQueryProvider>
      <Routes />
    </KubemateQueryProvider>
  );
}
