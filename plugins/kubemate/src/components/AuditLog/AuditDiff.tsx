import { Box, makeStyles } from '@material-ui/core';
import { useMemo } from 'react';
import { lineDiff } from './lineDiff';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: 12,
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: 400,
    overflow: 'auto',
    background: theme.palette.background.default,
  },
  added: { background: 'rgba(46, 160, 67, 0.2)', display: 'block' },
  removed: { background: 'rgba(248, 81, 73, 0.2)', display: 'block' },
  same: { display: 'block' },
  skipped: { display: 'block', color: theme.palette.text.secondary },
}));

const PREFIX = { added: '+ ', removed: '- ', same: '  ' };

/** The object before and after an audited change, as a line diff. */
export function AuditDiff(props: { before: string; after: string }) {
  const classes = useStyles();
  const lines = useMemo(
    () => lineDiff(props.before, props.after),
    [props.before, props.after],
  );
  return (
    <Box component="pre" className={classes.code} aria-label="Changes">
      {lines.map((line, k) =>
        line.type === 'skipped' ? (
          <span key={k} className={classes.skipped}>
            {`  … ${line.count} unchanged line(s)`}
          </span>
        ) : (
          <span key={k} className={classes[line.type]}>
            {PREFIX[line.type]}
            {line.text}
          </span>
        ),
      )}
    </Box>
  );
}
