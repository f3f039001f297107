import { WarningPanel } from '@backstage/core-components';
import type { RoutePreviewResponse } from '@kubemate/plugin-kubemate-common';
import { Box, Typography, makeStyles } from '@material-ui/core';
import { UnifiedDiff } from '../UnifiedDiff';
import { RouteConflictsTable } from './RouteConflictsTable';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: 12,
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: 360,
    overflow: 'auto',
    background: theme.palette.background.default,
  },
}));

/** What saving would do: the route as YAML, the dry-run diff, conflicts and warnings. */
export function RoutePreview(props: { preview: RoutePreviewResponse }) {
  const classes = useStyles();
  const { yaml, diff, conflicts, warnings } = props.preview;
  return (
    <Box component="section" aria-label="Preview" mt={2}>
      <Typography variant="h6">Preview</Typography>
      {warnings.map(w => (
        <WarningPanel key={w} severity="warning" title={w} />
      ))}
      {conflicts.length > 0 && (
        <Box my={1}>
          <RouteConflictsTable
            conflicts={conflicts}
            title="Conflicts with other routes"
          />
        </Box>
      )}
      <Typography variant="subtitle1">Changes (server dry run)</Typography>
      {diff.trim() ? (
        <UnifiedDiff diff={diff} label="Dry-run diff" />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No changes to the stored route.
        </Typography>
      )}
      <Typography variant="subtitle1">YAML</Typography>
      <Box component="pre" className={classes.code} aria-label="YAML">
        {yaml}
      </Box>
    </Box>
  );
}
