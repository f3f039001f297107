import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { kubemateReleaseCreatePermission } from '@kubemate/plugin-kubemate-common';
import { Grid } from '@material-ui/core';
import { KubemateQueryProvider, useEntityReleases } from '../../queries';
import { ReleasesTable } from './ReleasesTable';
import { StartReleaseForm } from './StartReleaseForm';

function Releases() {
  const { entity } = useEntity();
  const releases = useEntityReleases(entity);
  // The backend checks it too; the form is only offered to those who may start one.
  const create = usePermission({
    permission: kubemateReleaseCreatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {releases.isPending && <Progress />}
        {releases.error && <ResponseErrorPanel error={releases.error} />}
        {releases.data && (
          <ReleasesTable title="Releases" releases={releases.data.items} />
        )}
      </Grid>
      {create.allowed && (
        <Grid item xs={12}>
          <StartReleaseForm entity={entity} />
        </Grid>
      )}
    </Grid>
  );
}

/** The entity page "Releases" tab: its releases, newest first, and a form to start one. */
export function EntityReleasesContent() {
  return (
    <KubemateQueryProvider>
      <Releases />
    </KubemateQueryProvider>
  );
}
