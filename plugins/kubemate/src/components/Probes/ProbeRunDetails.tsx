import { Box, Typography, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { ProbeRun } from '@kubemate/plugin-kubemate-common';
import { describeTrigger, formatMs } from './format';
import { ProbeStatus } from './ProbeStatus';

const useStyles = makeStyles(theme => ({
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': {
      textAlign: 'left',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.palette.divider}`,
      verticalAlign: 'top',
    },
  },
  logs: {
    maxHeight: 240,
    overflow: 'auto',
    fontSize: 12,
    background: theme.palette.background.default,
    padding: theme.spacing(1),
  },
  latency: { textAlign: 'right !important' as 'right', whiteSpace: 'nowrap' },
}));

/** One run: how it came about, each step with its latency, and for a failure its events and hint. */
export function ProbeRunDetails(props: { run: ProbeRun; heading: string }) {
  const { run } = props;
  const classes = useStyles();
  return (
    <Box mb={2}>
      <Typography variant="subtitle1">
        {props.heading}: <ProbeStatus status={run.status} />{' '}
        {new Date(run.startedAt).toLocaleString()}, {describeTrigger(run)}
        {run.durationMs !== undefined ? `, ${formatMs(run.durationMs)}` : ''}
      </Typography>
      {run.message && (
        <Typography variant="body2" color="textSecondary">
          {run.message}
        </Typography>
      )}
      {run.hint && (
        <Box my={1}>
          <Alert severity="warning" aria-label="Likely cause">
            <strong>Likely cause: {run.hint.title}.</strong> {run.hint.advice}
            <Typography variant="caption" component="div">
              Evidence: {run.hint.evidence}
            </Typography>
          </Alert>
        </Box>
      )}
      {run.steps.length > 0 && (
        <table
          className={classes.table}
          aria-label={`Steps of the ${props.heading.toLowerCase()}`}
        >
          <thead>
            <tr>
              <th>Step</th>
              <th>Result</th>
              <th className={classes.latency}>Latency</th>
            </tr>
          </thead>
          <tbody>
            {run.steps.map((s, i) => (
              <tr key={i}>
                <td>{s.name}</td>
                <td>
                  <ProbeStatus status={s.status} />
                  {s.message ? ` ${s.message}` : ''}
                </td>
                <td className={classes.latency}>{formatMs(s.latencyMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {run.logs && (
        <Box mt={1}>
          <Typography variant="subtitle2">
            Log of the probe's container
          </Typography>
          <pre className={classes.logs} aria-label="Probe log">
            {run.logs}
          </pre>
        </Box>
      )}
      {run.events.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2">Kubernetes events</Typography>
          <table className={classes.table} aria-label="Kubernetes events">
            <thead>
              <tr>
                <th>Type</th>
                <th>Reason</th>
                <th>Object</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {run.events.map((e, i) => (
                <tr key={i}>
                  <td>{e.type}</td>
                  <td>{e.reason}</td>
                  <td>{e.object}</td>
                  <td>
                    {e.message}
                    {e.count && e.count > 1 ? ` (×${e.count})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Box>
      )}
    </Box>
  );
}
