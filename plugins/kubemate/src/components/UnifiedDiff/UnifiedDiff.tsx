import { Box, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: 12,
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: 320,
    overflow: 'auto',
    background: theme.palette.background.default,
  },
  added: { background: 'rgba(46, 160, 67, 0.2)', display: 'block' },
  removed: { background: 'rgba(248, 81, 73, 0.2)', display: 'block' },
  hunk: { color: theme.palette.info.main, display: 'block' },
  same: { display: 'block' },
}));

/** What a line of a unified diff is. */
export function diffLineKind(
  line: string,
): 'added' | 'removed' | 'hunk' | 'same' {
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+') && !line.startsWith('+++')) return 'added';
  if (line.startsWith('-') && !line.startsWith('---')) return 'removed';
  return 'same';
}

/** A unified diff as the server wrote it (dry runs, migrations, onboarding), coloured line by line. */
export function UnifiedDiff(props: { diff: string; label: string }) {
  const classes = useStyles();
  return (
    <Box component="pre" className={classes.code} aria-label={props.label}>
      {props.diff.split('\n').map((line, i) => (
        <span key={i} className={classes[diffLineKind(line)]}>
          {line || ' '}
        </span>
      ))}
    </Box>
  );
}
