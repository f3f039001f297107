import { Box, Tooltip, Typography, makeStyles } from '@material-ui/core';
import { SEVERITIES, type SeverityCounts } from '../../api';
import { SEVERITY_LABELS, totalRisks, useSeverityColors } from './severity';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: 12,
    borderRadius: 6,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.hover,
    minWidth: 80,
  },
  legend: {
    display: 'flex',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(0.5),
    flexWrap: 'wrap',
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: 4,
  },
}));

/** Stacked bar of risks by severity, with an optional legend carrying the numbers. */
export function SeverityBar(props: {
  counts: SeverityCounts;
  legend?: boolean;
}) {
  const classes = useStyles();
  const colors = useSeverityColors();
  const total = totalRisks(props.counts);
  const label = SEVERITIES.map(
    s => `${SEVERITY_LABELS[s]} ${props.counts[s]}`,
  ).join(', ');
  return (
    <Box>
      <div className={classes.bar} role="img" aria-label={`Risks: ${label}`}>
        {total > 0 &&
          SEVERITIES.filter(s => props.counts[s] > 0).map(s => (
            <Tooltip
              key={s}
              title={`${SEVERITY_LABELS[s]}: ${props.counts[s]}`}
            >
              <div
                style={{
                  width: `${(100 * props.counts[s]) / total}%`,
                  backgroundColor: colors[s],
                }}
              />
            </Tooltip>
          ))}
      </div>
      {props.legend && (
        <div className={classes.legend}>
          {SEVERITIES.map(s => (
            <Typography key={s} variant="caption" component="span">
              <span
                className={classes.swatch}
                style={{ backgroundColor: colors[s] }}
              />
              {SEVERITY_LABELS[s]} {props.counts[s]}
            </Typography>
          ))}
        </div>
      )}
    </Box>
  );
}
