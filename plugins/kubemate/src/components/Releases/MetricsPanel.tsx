import { InfoCard } from '@backstage/core-components';
import type { GoldenMetrics, Release } from '@kubemate/plugin-kubemate-common';
import {
  Box,
  FormControl,
  Grid,
  InputLabel,
  MenuItem,
  Select,
  Typography,
  useTheme,
} from '@material-ui/core';
import { useState } from 'react';
import { Alert, AlertTitle } from '@material-ui/lab';
import { errorMessage } from '../InspectionShared/format';
import { explainMetrics, formatMs, formatRate, formatRps } from './format';
import { MetricChart, type ChartSeries } from './MetricChart';
import { liveSeries, stepSeries, type MetricName } from './metricSeries';
import { isReleaseActive } from '../../queries';
import { useLiveMetrics } from './useLiveMetrics';

/** The windows the live figures can be read over (the API allows 20 s to 1 h). */
const METRIC_WINDOWS = [
  { seconds: 30, label: '30 s' },
  { seconds: 60, label: '1 min' },
  { seconds: 300, label: '5 min' },
  { seconds: 900, label: '15 min' },
  { seconds: 3600, label: '1 h' },
];

function Figures(props: { metrics: GoldenMetrics }) {
  const m = props.metrics;
  if (m.status !== 'ok') return null;
  return (
    <Typography variant="body2">
      {formatRate(m.successRate)} success · {formatRps(m.requestsPerSecond)} ·
      p50 {formatMs(m.latencyMs.p50)} · p95 {formatMs(m.latencyMs.p95)} · p99{' '}
      {formatMs(m.latencyMs.p99)}
    </Typography>
  );
}

/**
 * Canary and stable side by side: success rate, requests per second and p99 latency, live
 * (polled every 5 s) and as each step saw them, with the plan's thresholds. Why a version has
 * no figures (no traffic, Prometheus unavailable or not configured) is said above the charts;
 * a Prometheus outage degrades this panel only.
 */
export function MetricsPanel(props: { release: Release }) {
  const { release } = props;
  const theme = useTheme();
  const [windowSeconds, setWindowSeconds] = useState(60);
  const live = useLiveMetrics(
    release.id,
    isReleaseActive(release),
    windowSeconds,
  );
  const timeline = release.timeline ?? [];
  const colors = {
    canary: theme.palette.secondary.main,
    stable: theme.palette.primary.main,
  };
  const series = (name: MetricName): ChartSeries[] =>
    (['canary', 'stable'] as const).map(version => ({
      name: `${version === 'canary' ? 'Canary' : 'Stable'} ${release[version]}`,
      color: colors[version],
      live: liveSeries(live.samples, version, name),
      steps: stepSeries(timeline, version, name),
    }));
  const latest = live.data;
  const notes = latest
    ? (['canary', 'stable'] as const).flatMap(version => {
        const note = explainMetrics(
          `${version} ${release[version]}`,
          latest[version],
          release.cluster,
        );
        return note ? [{ version, ...note }] : [];
      })
    : [];
  // Prometheus missing or down is the same for both versions: say it once.
  const shown = notes.filter(
    (n, i) =>
      n.title.startsWith('No traffic') ||
      notes.findIndex(o => o.title === n.title) === i,
  );
  const { thresholds } = release.plan;
  return (
    <InfoCard
      title="Golden metrics"
      subheader={`Canary vs stable over the last ${
        latest?.windowSeconds ?? 60
      }s${isReleaseActive(release) ? ', refreshed every 5 s' : ''}`}
      action={
        <FormControl size="small" variant="outlined">
          <InputLabel id={`metrics-window-${release.id}`}>Window</InputLabel>
          <Select
            labelId={`metrics-window-${release.id}`}
            label="Window"
            value={windowSeconds}
            onChange={e => setWindowSeconds(Number(e.target.value))}
          >
            {METRIC_WINDOWS.map(w => (
              <MenuItem key={w.seconds} value={w.seconds}>
                {w.label}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      }
    >
      {live.error && (
        <Box mb={2}>
          <Alert severity="warning">
            <AlertTitle>Metrics unavailable</AlertTitle>
            The metrics could not be read: {errorMessage(live.error)}. The
            release itself is not affected.
          </Alert>
        </Box>
      )}
      {shown.map(n => (
        <Box mb={2} key={`${n.version}-${n.title}`}>
          <Alert
            severity={n.title.startsWith('No traffic') ? 'info' : 'warning'}
          >
            <AlertTitle>{n.title}</AlertTitle>
            {n.message}
          </Alert>
        </Box>
      ))}
      {latest && (
        <Grid container spacing={2}>
          {(['canary', 'stable'] as const).map(version => (
            <Grid item xs={12} md={6} key={version}>
              <Typography variant="subtitle2">
                {version === 'canary' ? 'Canary' : 'Stable'} {release[version]}
              </Typography>
              <Figures metrics={latest[version]} />
            </Grid>
          ))}
          {latest.overall && (
            <Grid item xs={12}>
              <Typography variant="body2" color="textSecondary">
                Overall: {formatRate(latest.overall.successRate)} success ·{' '}
                {formatRps(latest.overall.requestsPerSecond)}
              </Typography>
            </Grid>
          )}
          {latest.routeBackends && (
            <Grid item xs={12}>
              <Typography variant="body2" color="textSecondary">
                Behind the route (clients’ outbound proxies):{' '}
                {(['canary', 'stable'] as const)
                  .map(version => {
                    const f = latest.routeBackends?.[version];
                    return `${version} ${release[version]} ${
                      f
                        ? `${formatRate(f.successRate)} success · ${formatRps(
                            f.requestsPerSecond,
                          )}`
                        : 'no requests'
                    }`;
                  })
                  .join(' · ')}
              </Typography>
            </Grid>
          )}
        </Grid>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={4}>
          <MetricChart
            title="Success rate"
            series={series('successRate')}
            format={formatRate}
            max={1}
            zoom
            threshold={{
              value: thresholds.minSuccessRate,
              label: `min ${formatRate(thresholds.minSuccessRate)}`,
            }}
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <MetricChart
            title="Requests per second"
            series={series('requestsPerSecond')}
            format={formatRps}
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <MetricChart
            title="p99 latency"
            series={series('p99')}
            format={formatMs}
            threshold={{
              value: thresholds.maxP99LatencyMs,
              label: `max ${formatMs(thresholds.maxP99LatencyMs)}`,
            }}
          />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
