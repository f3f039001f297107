import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { ProbeSummary } from '@kubemate/plugin-kubemate-common';
import { KubemateQueryProvider } from '../../queries';
import { useEntityProbes, useProbeRuns } from '../../queries/useProbes';
import { formatRate } from './format';
import { ProbeHistoryChart } from './ProbeHistoryChart';
import { ProbeStatus } from './ProbeStatus';
import { RunProbeButton } from './RunProbeButton';

function ProbeRow(props: { probe: ProbeSummary }) {
  const { probe } = props;
  const runs = useProbeRuns(probe.id, 30);
  const failure =
    probe.lastRun?.status === 'failed' || probe.lastRun?.status === 'error'
      ? probe.lastRun
      : undefined;
  return (
    <Box mb={2}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2">
          <ProbeStatus status={probe.lastRun?.status} />{' '}
          <Link to={`/kubemate/probes?probe=${encodeURIComponent(probe.id)}`}>
            {probe.title}
          </Link>{' '}
          · {formatRate(probe.successRate)}
        </Typography>
        <RunProbeButton
          id={probe.id}
          running={probe.lastRun?.status === 'running'}
        />
      </Box>
      {runs.data && runs.data.items.length > 0 && (
        <ProbeHistoryChart
          runs={runs.data.items}
          title={`History of ${probe.id}`}
          height={32}
        />
      )}
      {failure && (
        <Typography variant="caption" color="error" component="p">
          {failure.message}
          {failure.hint ? ` — likely cause: ${failure.hint.title}` : ''}
        </Typography>
      )}
    </Box>
  );
}

function Probes() {
  const { entity } = useEntity();
  const { data, error, isPending } = useEntityProbes(entity);
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!data.items.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No probe names this entity (a probe file's <code>entityRefs</code>).
      </Typography>
    );
  }
  return (
    <>
      {data.items.map(p => (
        <ProbeRow key={p.id} probe={p} />
      ))}
    </>
  );
}

/** Entity overview card: the probes naming the entity, their last result and history. */
export function EntityProbesCard() {
  return (
    <KubemateQueryProvider>
      <InfoCard title="Probes">
        <Probes />
      </InfoCard>
    </KubemateQueryProvider>
  );
}
