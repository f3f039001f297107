import { Gauge } from '@backstage/core-components';
import { Box, Grid, Typography, makeStyles } from '@material-ui/core';
import { SEVERITIES, type CurrentSummary } from '../../api';
import { formatPercent } from './format';
import { SeverityBar } from './SeverityBar';
import { SeverityChip } from './SeverityChip';

const useStyles = makeStyles(theme => ({
  figure: { textAlign: 'center', minWidth: 90 },
  number: { fontSize: '1.75rem', fontWeight: 600, lineHeight: 1.2 },
  gauge: { width: 120, margin: '0 auto' },
  chips: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
}));

function Figure(props: { label: string; value: number; color?: string }) {
  const classes = useStyles();
  return (
    <Box className={classes.figure}>
      <Typography
        className={classes.number}
        style={props.color ? { color: props.color } : undefined}
      >
        {props.value}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
    </Box>
  );
}

/**
 * Current state of a scope: health score and pass rate as gauges, check counts, and the open
 * risks by severity.
 */
export function InspectionSummary(props: { summary: CurrentSummary }) {
  const { summary } = props;
  const classes = useStyles();
  return (
    <Grid container spacing={3} alignItems="center">
      <Grid item xs={6} sm={3} md={2}>
        <Box
          className={classes.gauge}
          aria-label={`Health score ${Math.round(summary.score)}`}
        >
          <Gauge value={Math.round(summary.score)} fractional={false} unit="" />
        </Box>
        <Typography variant="caption" display="block" align="center">
          Health score
        </Typography>
      </Grid>
      <Grid item xs={6} sm={3} md={2}>
        <Box
          className={classes.gauge}
          aria-label={`Pass rate ${formatPercent(summary.passRate)}`}
        >
          <Gauge value={summary.passRate} fractional decimalDigits={0} />
        </Box>
        <Typography variant="caption" display="block" align="center">
          Pass rate
        </Typography>
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <Box display="flex" justifyContent="space-around" flexWrap="wrap">
          <Figure label="Checks" value={summary.total} />
          <Figure label="Passed" value={summary.passed} />
          <Figure label="Failed" value={summary.failed} />
          <Figure label="Execution failed" value={summary.errors} />
          <Figure label="Ignored" value={summary.ignored} />
        </Box>
      </Grid>
      <Grid item xs={12} md={4}>
        <Typography variant="subtitle2" gutterBottom>
          Open risks by severity
        </Typography>
        <Box className={classes.chips} mb={1}>
          {SEVERITIES.map(s => (
            <SeverityChip
              key={s}
              severity={s}
              count={summary.risksBySeverity[s]}
            />
          ))}
        </Box>
        <SeverityBar counts={summary.risksBySeverity} />
      </Grid>
    </Grid>
  );
}
