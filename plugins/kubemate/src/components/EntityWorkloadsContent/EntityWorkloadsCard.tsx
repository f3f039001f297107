import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  podRestarts,
  summarizeWorkload,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { Box, Typography } from '@material-ui/core';
import { KubemateQueryProvider, useEntityWorkloads } from '../../queries';
import { HealthStatus } from './HealthStatus';

const HEALTHS = ['healthy', 'progressing', 'degraded', 'suspended'] as const;

/** A pod is ready when it runs and every container reports ready. */
const podReady = (pod: KubeObject) => {
  const status = pod.status as
    | { phase?: string; containerStatuses?: Array<{ ready?: boolean }> }
    | undefined;
  const containers = status?.containerStatuses ?? [];
  return (
    status?.phase === 'Running' &&
    containers.length > 0 &&
    containers.every(c => c.ready)
  );
};

function Summary() {
  const { entity } = useEntity();
  const { data, error, isPending } = useEntityWorkloads(entity, {
    pollMs: 15_000,
  });
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const counts = Object.fromEntries(HEALTHS.map(h => [h, 0])) as Record<
    (typeof HEALTHS)[number],
    number
  >;
  let unreadable = 0;
  const pods: KubeObject[] = [];
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
    pods.push(...r.pods);
  }
  const total = HEALTHS.reduce((n, h) => n + counts[h], 0);
  const restarts = podRestarts(pods);
  return (
    <Box>
      {total === 0 ? (
        <Typography>No workloads.</Typography>
      ) : (
        <>
          <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
            <Typography variant="h4" component="p">
              {counts.healthy}/{total}
            </Typography>
            <Typography color="textSecondary">workloads healthy</Typography>
          </Box>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {pods.filter(podReady).length} of {pods.length} pods ready ·{' '}
            {restarts} restart{restarts === 1 ? '' : 's'}
          </Typography>
          <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
            {HEALTHS.filter(h => counts[h] > 0).map(h => (
              <Box
                key={h}
                display="flex"
                alignItems="center"
                style={{ gap: 4 }}
              >
                <HealthStatus health={h} />
                <Typography component="span">
                  <b>{counts[h]}</b>
                </Typography>
              </Box>
            ))}
          </Box>
        </>
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
