import { Grid } from '@material-ui/core';
import { KubemateQueryProvider } from '../../queries';
import { ClustersTable } from '../ClustersTable';
import { EntityMappingCard } from './EntityMappingCard';

/** The entity page "Kubemate" tab. */
export function EntityKubemateContent() {
  return (
    <KubemateQueryProvider>
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <EntityMappingCard />
        </Grid>
        <Grid item xs={12} md={7}>
          <ClustersTable title="Clusters" />
        </Grid>
      </Grid>
    </KubemateQueryProvider>
  );
}
