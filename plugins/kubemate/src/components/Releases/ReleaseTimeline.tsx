import type {
  GoldenMetrics,
  Release,
  ReleaseEvent,
} from '@kubemate/plugin-kubemate-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { formatMs, formatRate, formatRps } from './format';

const useStyles = makeStyles(theme => ({
  breach: { color: theme.palette.error.main, fontWeight: 600 },
  decision: { fontWeight: 600 },
  abort: { color: theme.palette.error.main, fontWeight: 600 },
}));

type Thresholds = Release['plan']['thresholds'];

/** A version's figures at a step; breaches of the thresholds marked (canary only is judged). */
function StepFigures(props: {
  metrics?: GoldenMetrics;
  thresholds?: Thresholds;
}) {
  const classes = useStyles();
  const m = props.metrics;
  if (!m) return <>—</>;
  if (m.status !== 'ok') {
    return (
      <Typography variant="body2" color="textSecondary">
        {m.status === 'no-traffic' ? 'no traffic' : m.status}
      </Typography>
    );
  }
  const t = props.thresholds;
  const lowSuccess = t ? m.successRate < t.minSuccessRate : false;
  const slow = t ? m.latencyMs.p99 > t.maxP99LatencyMs : false;
  return (
    <Typography variant="body2" component="span">
      <span
        className={lowSuccess ? classes.breach : undefined}
        title={lowSuccess ? 'below the minimum success rate' : undefined}
      >
        {formatRate(m.successRate)}
      </span>
      {' · '}
      <span
        className={slow ? classes.breach : undefined}
        title={slow ? 'above the maximum p99 latency' : undefined}
      >
        p99 {formatMs(m.latencyMs.p99)}
      </span>
      {' · '}
      {formatRps(m.requestsPerSecond)}
    </Typography>
  );
}

/**
 * Every step and action of the release, oldest first: when, step, decision, who, the canary's
 * weight after it and the figures behind it against the plan's thresholds.
 */
export function ReleaseTimeline(props: { release: Release }) {
  const classes = useStyles();
  const { release } = props;
  const { thresholds } = release.plan;
  const events: ReleaseEvent[] = release.timeline ?? [];
  return (
    <Table size="small" aria-label="Release timeline">
      <TableHead>
        <TableRow>
          <TableCell>Time</TableCell>
          <TableCell>Step</TableCell>
          <TableCell>Decision</TableCell>
          <TableCell>Actor</TableCell>
          <TableCell>Canary weight</TableCell>
          <TableCell>
            Canary (min {formatRate(thresholds.minSuccessRate)}, p99 ≤{' '}
            {formatMs(thresholds.maxP99LatencyMs)})
          </TableCell>
          <TableCell>Stable</TableCell>
          <TableCell>Message</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.length === 0 && (
          <TableRow>
            <TableCell colSpan={8}>No steps yet.</TableCell>
          </TableRow>
        )}
        {events.map((e, i) => (
          <TableRow key={`${e.at}-${i}`}>
            <TableCell>{new Date(e.at).toLocaleTimeString()}</TableCell>
            <TableCell>{e.step}</TableCell>
            <TableCell
              className={
                ['abort', 'breach', 'blocked', 'error'].includes(e.decision)
                  ? classes.abort
                  : classes.decision
              }
            >
              {e.decision}
            </TableCell>
            <TableCell>{e.actor}</TableCell>
            <TableCell>{e.weight}%</TableCell>
            <TableCell>
              <StepFigures metrics={e.canary} thresholds={thresholds} />
            </TableCell>
            <TableCell>
              <StepFigures metrics={e.stable} />
            </TableCell>
            <TableCell>{e.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
