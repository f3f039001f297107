import { Box, LinearProgress, Typography } from '@material-ui/core';
import { percentOf } from './format';

/**
 * A measure against what the node can give (allocatable): a bar and `shown / of (n%)`. Over
 * 100 % (limits overcommitted) the bar is full and the share says by how much.
 */
export function UsageBar(props: {
  label: string;
  value: number;
  of: number;
  format: (n: number) => string;
}) {
  const pct = percentOf(props.value, props.of);
  return (
    <Box minWidth={140}>
      <LinearProgress
        variant="determinate"
        value={Math.min(pct, 100)}
        color={pct > 100 ? 'secondary' : 'primary'}
        aria-label={`${props.label} ${pct}%`}
      />
      <Typography variant="caption" color="textSecondary">
        {props.format(props.value)} / {props.format(props.of)} ({pct}%)
      </Typography>
    </Box>
  );
}
