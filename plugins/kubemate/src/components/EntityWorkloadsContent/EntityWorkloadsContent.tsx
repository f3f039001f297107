import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid, IconButton, Tooltip, Typography } from '@material-ui/core';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { KubemateQueryProvider, useEntityWorkloads } from '../../queries';
import {
  hpaOf,
  usePermittedActions,
  useWorkloadAction,
  WorkloadActionButtons,
  WorkloadActionsHost,
} from '../WorkloadActions';
import { useState } from 'react';
import { WorkloadDetailDrawer } from '../WorkloadDetail';
import { EntityActivity } from '../AuditLog';
import { ResourcesSection } from '../EntityResources';
import { ObservabilityLinksButton } from '../ObservabilityLinks';
import { PodsTable } from './PodsTable';
import { WorkloadsTable } from './WorkloadsTable';

function Workloads() {
  const { entity } = useEntity();
  const { data, error, isPending } = useEntityWorkloads(entity);
  const permitted = usePermittedActions(stringifyEntityRef(entity));
  const mutation = useWorkloadAction(entity);
  // Remembered by cluster and uid, so the drawer follows the live object as it refreshes.
  const [selected, setSelected] = useState<{ cluster: string; uid?: string }>();
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (data.mappings.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="Not mapped to Kubernetes workloads"
        description="Add backstage.io/kubernetes-id, backstage.io/kubernetes-label-selector or kubemate.io/workloads to the entity's catalog-info.yaml."
      />
    );
  }
  // The live object of a cluster by uid: the drawer and an open dialog follow it as it refreshes.
  const find = (cluster: string | undefined, uid: string | undefined) => {
    const resources = data.clusters.find(c => c.cluster === cluster)?.resources;
    return resources && uid
      ? Object.values(resources)
          .flat()
          .find(o => o.metadata.uid === uid)
      : undefined;
  };
  const selectedCluster = data.clusters.find(
    c => c.cluster === selected?.cluster,
  );
  const selectedObject = find(selected?.cluster, selected?.uid);
  const open = (cluster: string) => (object: KubeObject) =>
    setSelected({ cluster, uid: object.metadata.uid });
  return (
    <WorkloadActionsHost
      entity={entity}
      permitted={permitted}
      mutation={mutation}
      resolve={find}
    >
      <Grid container spacing={3}>
        {data.clusters.map(cluster => (
          <Grid item xs={12} key={cluster.cluster}>
            <Typography variant="h5" gutterBottom>
              {cluster.title ?? cluster.cluster}
            </Typography>
            {cluster.problems && cluster.problems.length > 0 && (
              <WarningPanel
                severity="warning"
                defaultExpanded
                title="Parts of the mapping are not shown"
                message={
                  <>
                    Only namespaces the owner owns, or that are shared with it,
                    are read.
                    <ul>
                      {cluster.problems.map(p => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </>
                }
              />
            )}
            {cluster.status === 'error' ? (
              <WarningPanel
                severity="error"
                title={`Cluster ${cluster.cluster} could not be read`}
                message={cluster.error}
              />
            ) : (
              <Grid container spacing={2}>
                <Grid item xs={12}>
                  <WorkloadsTable
                    cluster={cluster}
                    onOpen={open(cluster.cluster)}
                    actions={object => (
                      <>
                        <WorkloadActionButtons
                          cluster={cluster.cluster}
                          object={object}
                          permitted={permitted}
                          hpa={hpaOf(cluster.resources, object)}
                        />
                        <ObservabilityLinksButton
                          entity={entity}
                          cluster={cluster.cluster}
                          object={object}
                        />
                      </>
                    )}
                  />
                </Grid>
                <Grid item xs={12}>
                  <PodsTable
                    pods={cluster.resources.pods}
                    actions={pod => (
                      <>
                        <Tooltip title="Details">
                          <IconButton
                            size="small"
                            aria-label={`Details of ${pod.metadata.name}`}
                            onClick={() => open(cluster.cluster)(pod)}
                          >
                            <InfoOutlinedIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                        <WorkloadActionButtons
                          cluster={cluster.cluster}
                          object={pod}
                          permitted={permitted}
                        />
                        <ObservabilityLinksButton
                          entity={entity}
                          cluster={cluster.cluster}
                          object={pod}
                        />
                      </>
                    )}
                  />
                </Grid>
                <Grid item xs={12}>
                  <ResourcesSection
                    entity={entity}
                    permitted={permitted}
                    cluster={cluster}
                    secretValuesHidden={data.secretValuesHidden}
                    onOpen={open(cluster.cluster)}
                  />
                </Grid>
              </Grid>
            )}
          </Grid>
        ))}
        <Grid item xs={12}>
          <EntityActivity />
        </Grid>
        {selectedCluster && selectedObject && (
          <WorkloadDetailDrawer
            entity={entity}
            cluster={selectedCluster}
            object={selectedObject}
            permitted={permitted}
            mutation={mutation}
            onClose={() => setSelected(undefined)}
          />
        )}
      </Grid>
    </WorkloadActionsHost>
  );
}

/** The entity page "Workloads" tab: per cluster, the entity's workloads and pods, live. */
export function EntityWorkloadsContent() {
  return (
    <KubemateQueryProvider>
      <Workloads />
    </KubemateQueryProvider>
  );
}
