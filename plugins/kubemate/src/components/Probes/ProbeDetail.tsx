import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type { ProbeSummary } from '@kubemate/plugin-kubemate-common';
import { useProbeRuns } from '../../queries/useProbes';
import { formatMs, formatRate, TYPE_LABELS } from './format';
import { ProbeHistoryChart } from './ProbeHistoryChart';
import { ProbeRunDetails } from './ProbeRunDetails';
import { RunProbeButton } from './RunProbeButton';

/** Where a probe acts and when it runs, in words. */
export function describeSchedule(probe: ProbeSummary): string {
  const parts: string[] = [];
  if (probe.schedule.intervalSeconds) {
    parts.push(`every ${probe.schedule.intervalSeconds} s`);
  }
  if (probe.schedule.onChange) {
    const watched =
      probe.schedule.watchNamespaces ??
      (probe.namespace ? [probe.namespace] : []);
    parts.push(`on changes in ${watched.join(', ')}`);
  }
  parts.push('by hand');
  return parts.join(', ');
}

/** One probe: its history chart, its last run and its last failure with events and hint. */
export function ProbeDetail(props: { probe: ProbeSummary }) {
  const { probe } = props;
  const runs = useProbeRuns(probe.id);
  const history = runs.data?.items ?? [];
  const latest = history[0] ?? probe.lastRun;
  const failure = probe.lastFailure;
  const stepLatencies = latest?.steps.map(
    s => `${s.name} ${formatMs(s.latencyMs)}`,
  );
  return (
    <InfoCard
      title={probe.title}
      subheader={`${TYPE_LABELS[probe.type]} · ${probe.cluster}${
        probe.namespace ? `/${probe.namespace}` : ''
      } · ${describeSchedule(probe)} · ${probe.source}`}
      action={
        <RunProbeButton id={probe.id} running={latest?.status === 'running'} />
      }
    >
      {probe.description && (
        <Typography variant="body2" paragraph>
          {probe.description}
        </Typography>
      )}
      <Typography variant="subtitle2">
        Success rate {formatRate(probe.successRate)} over the last{' '}
        {probe.recentRuns} run(s)
      </Typography>
      {runs.isPending && <Progress />}
      {runs.error && <ResponseErrorPanel error={runs.error} />}
      {history.length > 0 && (
        <Box my={1}>
          <ProbeHistoryChart
            runs={history}
            title={`History of ${probe.id}`}
            height={64}
          />
        </Box>
      )}
      {stepLatencies && stepLatencies.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          Last run: {stepLatencies.join(' · ')}
        </Typography>
      )}
      {latest && <ProbeRunDetails run={latest} heading="Last run" />}
      {failure && failure.id !== latest?.id && (
        <ProbeRunDetails run={failure} heading="Last failure" />
      )}
    </InfoCard>
  );
}
