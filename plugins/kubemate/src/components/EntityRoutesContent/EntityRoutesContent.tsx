import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid, Typography } from '@material-ui/core';
import { KubemateQueryProvider, useEntityRoutes } from '../../queries';
import { HttpRoutesTable } from './HttpRoutesTable';
import { IngressRoutesTable } from './IngressRoutesTable';

function Routes() {
  const { entity } = useEntity();
  const { data, error, isPending } = useEntityRoutes(entity);
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Grid container spacing={3}>
      {data.items.map(cluster => (
        <Grid item xs={12} key={cluster.cluster}>
          <Typography variant="h5" gutterBottom>
            {cluster.title ?? cluster.cluster}
          </Typography>
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
              <Grid item xs={12}>
                <HttpRoutesTable routes={cluster.httpRoutes} />
              </Grid>
              {cluster.ingressRoutes.length > 0 && (
                <Grid item xs={12}>
                  <IngressRoutesTable routes={cluster.ingressRoutes} />
                </Grid>
              )}
            </Grid>
          )}
        </Grid>
      ))}
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
