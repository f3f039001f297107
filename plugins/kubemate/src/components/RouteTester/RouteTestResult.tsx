import type { RouteTestResponse } from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Chip,
  LinearProgress,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { backendLabel, matchRefLabel, percentOf } from './format';

const useStyles = makeStyles(theme => ({
  backend: {
    display: 'grid',
    gridTemplateColumns: 'minmax(12rem, 2fr) 3fr minmax(8rem, 1fr)',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  bar: { height: 8, borderRadius: 4 },
}));

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** Which route, rule and backends serve the tested request, and why. */
export function RouteTestResult(props: { result: RouteTestResponse }) {
  const classes = useStyles();
  const { result } = props;
  return (
    <Box aria-label="Test result" role="region">
      {result.outcome === 'none' || !result.winner ? (
        <Typography variant="h6">No route serves this request</Typography>
      ) : (
        <>
          <Typography variant="h6">
            Served by {matchRefLabel(result.winner)}
          </Typography>
          {result.match && (
            <Typography variant="body2">
              Match: <code>{result.match}</code>
            </Typography>
          )}
          <Section title="Backends">
            {result.backends.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                No backend: the request gets an error response
              </Typography>
            )}
            {result.backends.map(b => {
              const percent = percentOf(b.percent);
              return (
                <div key={backendLabel(b)} className={classes.backend}>
                  <Typography variant="body2">{backendLabel(b)}</Typography>
                  <LinearProgress
                    className={classes.bar}
                    variant="determinate"
                    value={percent}
                    aria-label={`${backendLabel(b)} share`}
                  />
                  <Typography variant="body2" color="textSecondary">
                    weight {b.weight} ({percent}%)
                  </Typography>
                </div>
              );
            })}
          </Section>
          {result.filters.length > 0 && (
            <Section title="Filters">
              {result.filters.map((f, i) => (
                <Chip key={i} size="small" label={f} style={{ margin: 2 }} />
              ))}
            </Section>
          )}
          {result.alsoMatched.length > 0 && (
            <Section title="Also matched (lost on precedence)">
              <ul>
                {result.alsoMatched.map(m => (
                  <li key={matchRefLabel(m)}>
                    <Typography variant="body2">{matchRefLabel(m)}</Typography>
                  </li>
                ))}
              </ul>
            </Section>
          )}
        </>
      )}
      {result.why.length > 0 && (
        <Section title="Why">
          <ol aria-label="Why">
            {result.why.map((step, i) => (
              <li key={i}>
                <Typography variant="body2">{step}</Typography>
              </li>
            ))}
          </ol>
        </Section>
      )}
      <Typography variant="caption" color="textSecondary">
        {result.considered.length
          ? `Routes considered at this parent: ${result.considered.join(', ')}`
          : 'No HTTPRoute is attached to this parent'}
      </Typography>
    </Box>
  );
}
