import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { InspectedCluster } from '../../api';
import {
  useInspectionClusters,
  useInspectionSummary,
  useInspectionTrends,
  useRefreshWhenRunsFinish,
} from '../../queries';
import {
  InspectionSummary,
  TrendChart,
  SeverityBar,
  formatDateTime,
  formatPercent,
  totalRisks,
} from '../InspectionShared';
import { RunNowButton } from './RunNowButton';
import { RunStatus } from './RunStatus';

function ClusterCard(props: { cluster: InspectedCluster }) {
  const { cluster } = props;
  const run = cluster.latestRun;
  const s = cluster.summary;
  const inspected = s.runIds.length > 0;
  return (
    <section aria-label={`Cluster ${cluster.name}`}>
      <InfoCard
        title={
          cluster.title ? `${cluster.title} (${cluster.name})` : cluster.name
        }
        subheader={`Profile ${cluster.profile}`}
        action={
          <RunNowButton
            cluster={cluster.name}
            running={run?.status === 'running'}
          />
        }
      >
        {cluster.configError && (
          <Alert severity="error">{cluster.configError}</Alert>
        )}
        {inspected ? (
          <Box>
            <Box display="flex" alignItems="baseline" style={{ gap: 12 }}>
              <Typography variant="h3" component="p">
                {Math.round(s.score)}
              </Typography>
              <Typography color="textSecondary">
                health score · pass rate {formatPercent(s.passRate)} · {s.total}{' '}
                checks · {s.errors} execution failed
              </Typography>
            </Box>
            <Typography variant="subtitle2">
              {totalRisks(s.risksBySeverity)} open risks
              {s.ignored ? `, ${s.ignored} ignored` : ''}
            </Typography>
            <SeverityBar counts={s.risksBySeverity} legend />
          </Box>
        ) : (
          <Typography color="textSecondary">Not inspected yet.</Typography>
        )}
        {run && (
          <Box mt={2}>
            <Typography variant="caption" color="textSecondary">
              Latest run ({run.trigger}) started {formatDateTime(run.startedAt)}
            </Typography>
            <RunStatus run={run} />
            {run.status === 'succeeded' && run.summary && (
              <Typography variant="body2">
                {run.summary.newFindings} new, {run.summary.reopenedFindings}{' '}
                reopened, {run.summary.fixedFindings} fixed since the previous
                run
              </Typography>
            )}
          </Box>
        )}
      </InfoCard>
    </section>
  );
}

function FleetTrend(props: { clusters: string[] }) {
  const trends = useInspectionTrends(props.clusters);
  if (trends.isPending) return <Progress />;
  if (trends.error) return <ResponseErrorPanel error={trends.error} />;
  return (
    <TrendChart
      series={trends.data.map(t => ({ name: t.cluster, points: t.points }))}
    />
  );
}

/** Fleet overview: the whole fleet's current state, then one card per cluster. */
export function FleetClusters() {
  const clusters = useInspectionClusters(30_000);
  const fleet = useInspectionSummary({});
  useRefreshWhenRunsFinish(
    (clusters.data ?? []).flatMap(c =>
      c.latestRun?.status === 'running' ? [c.latestRun.id] : [],
    ),
  );
  if (clusters.isPending) return <Progress />;
  if (clusters.error) return <ResponseErrorPanel error={clusters.error} />;
  if (clusters.data.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No clusters to inspect"
        description="Clusters come from kubernetes.clusterLocatorMethods; see docs/inspection.md for kubemate.inspection."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {fleet.data && fleet.data.runIds.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Fleet" subheader="All clusters, current state">
            <InspectionSummary summary={fleet.data} />
          </InfoCard>
        </Grid>
      )}
      {fleet.data && fleet.data.runIds.length > 0 && (
        <Grid item xs={12}>
          <InfoCard
            title="Trend"
            subheader="Health score and failed checks per run, per cluster"
          >
            <FleetTrend clusters={clusters.data.map(c => c.name)} />
          </InfoCard>
        </Grid>
      )}
      {fleet.error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={fleet.error} />
        </Grid>
      )}
      {clusters.data.map(c => (
        <Grid item xs={12} md={6} key={c.name}>
          <ClusterCard cluster={c} />
        </Grid>
      ))}
    </Grid>
  );
}
