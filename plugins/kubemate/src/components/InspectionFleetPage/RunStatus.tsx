import {
  StatusError,
  StatusOK,
  StatusRunning,
} from '@backstage/core-components';
import { Box, LinearProgress, Typography } from '@material-ui/core';
import type { InspectionRun } from '../../api';

/** Status of a run; while it runs, how far it got (kinds listed out of total) and on what. */
export function RunStatus(props: { run: InspectionRun }) {
  const { run } = props;
  if (run.status === 'succeeded') {
    return (
      <span style={{ whiteSpace: 'nowrap' }}>
        <StatusOK>Succeeded</StatusOK>
      </span>
    );
  }
  if (run.status === 'failed') {
    return (
      <Box>
        <StatusError>Failed</StatusError>
        {run.error && (
          <Typography variant="caption" color="error" display="block">
            {run.error}
          </Typography>
        )}
      </Box>
    );
  }
  const { done, total, message } = run.progress ?? {};
  const pct = total
    ? Math.min(100, Math.round((100 * (done ?? 0)) / total))
    : undefined;
  return (
    <Box minWidth={140}>
      <StatusRunning>
        Running{pct !== undefined ? ` ${pct} %` : ''}
      </StatusRunning>
      <LinearProgress
        variant={pct === undefined ? 'indeterminate' : 'determinate'}
        value={pct}
        aria-label={`Run progress${pct !== undefined ? ` ${pct} %` : ''}`}
      />
      {message && (
        <Typography variant="caption" color="textSecondary">
          {message}
        </Typography>
      )}
    </Box>
  );
}
