import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { summarizeWorkload } from '@kubemate/plugin-kubemate-common';
import { Box, Typography } from '@material-ui/core';
import { KubemateQueryProvider, useEntityWorkloads } from '../../queries';
import { HealthStatus } from './HealthStatus';

const HEALTHS = ['healthy', 'progressing', 'degraded', 'suspended'] as const;

function Summary() {
  const { entity } = useEntity();
  const { data, error, isPending } = useEntityWorkloads(entity, 15_000);
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const counts = Object.fromEntries(HEALTHS.map(h => [h, 0])) as Record<
    (typeof HEALTHS)[number],
    number
  >;
  let unreadable = 0;
  for (const cluster of data.clusters) {
    if (cluster.status === 'error') unreadable++;
    const r = cluster.resources;
    for (const w of [
      ...r.deployments,
      ...r.statefulsets,
      ...r.daemonsets,
      ...r.cronjobs,
    ]) {
      counts[summarizeWorkload(w).health]++;
    }
  }
  return (
    <Box>
      {HEALTHS.filter(h => counts[h] > 0).map(h => (
        <Typography key={h}>
          <HealthStatus health={h} /> {counts[h]}
        </Typography>
      ))}
      {HEALTHS.every(h => counts[h] === 0) && (
        <Typography>No workloads.</Typography>
      )}
      {unreadable > 0 && (
        <Typography color="error">
          {unreadable} cluster(s) could not be read
        </Typography>
      )}
    </Box>
  );
}

/** Entity overview card: how many of the entity's workloads are healthy. */
export function EntityWorkloadsCard() {
  return (
    <KubemateQueryProvider>
      <InfoCard title="Workload health">
        <Summary />
      </InfoCard>
    </KubemateQueryProvider>
  );
}
