import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import { KubemateQueryProvider, useInspectionSummary } from '../../queries';
import { FindingsPanel } from '../InspectionFindings';
import { InspectionSummary, formatDateTime } from '../InspectionShared';
import { EntityTrend } from './EntityTrend';

function Content() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const summary = useInspectionSummary({ entityRef });
  const scope = useMemo(() => ({ entityRef: [entityRef] }), [entityRef]);

  if (summary.isPending) return <Progress />;
  if (summary.error) return <ResponseErrorPanel error={summary.error} />;
  const s = summary.data;
  // No run yet, or runs that covered none of this entity's objects: either way, no score.
  const nothingYet =
    (s.runIds.length === 0 || s.total + s.errors === 0) &&
    Object.values(s.byState).every(n => n === 0);
  if (nothingYet) {
    return (
      <EmptyState
        missing="data"
        title={
          s.runIds.length === 0
            ? 'No inspection runs yet'
            : 'Nothing of this entity was inspected'
        }
        description={
          <Typography component="span">
            {s.runIds.length === 0
              ? 'None of the clusters has been inspected yet.'
              : 'The latest runs checked none of the objects this entity maps to.'}{' '}
            Runs are scheduled per cluster; people with the right permission can
            start one now from the Kubemate inspection page.
          </Typography>
        }
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Current state"
          subheader={`From the latest run of each cluster (${
            s.runIds.length
          } run${
            s.runIds.length === 1 ? '' : 's'
          }); ignored risks are left out of the score.`}
        >
          <InspectionSummary summary={s} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Trend"
          subheader="Health score and failed checks per run"
        >
          <EntityTrend entityRef={entityRef} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Risks"
          subheader={`Updated ${formatDateTime(
            new Date(summary.dataUpdatedAt).toISOString(),
          )}`}
        >
          <FindingsPanel
            scope={scope}
            exportName={`kubemate-risks-${entity.metadata.name}`}
            showCluster
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** Entity tab: the entity's inspection report — current state, trend and its risk items. */
export function EntityInspectionContent() {
  return (
    <KubemateQueryProvider>
      <Content />
    </KubemateQueryProvider>
  );
}
