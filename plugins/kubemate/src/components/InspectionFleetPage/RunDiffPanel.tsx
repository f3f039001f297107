import { Progress } from '@backstage/core-components';
import {
  Grid,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { Finding } from '../../api';
import { useInspectionRunDiff } from '../../queries';
import {
  SeverityChip,
  errorMessage,
  formatResource,
} from '../InspectionShared';

const SHOWN = 50;

function FindingList(props: { title: string; items: Finding[] }) {
  return (
    <>
      <Typography variant="subtitle2">
        {props.title} ({props.items.length})
      </Typography>
      {props.items.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None.
        </Typography>
      ) : (
        <List dense aria-label={props.title}>
          {props.items.slice(0, SHOWN).map(f => (
            <ListItem key={f.fingerprint} disableGutters>
              <SeverityChip severity={f.severity} />
              <ListItemText
                style={{ marginLeft: 8 }}
                primary={f.title}
                secondary={`${formatResource(f.resource)} · ${f.ruleId}`}
              />
            </ListItem>
          ))}
          {props.items.length > SHOWN && (
            <Typography variant="caption" color="textSecondary">
              …and {props.items.length - SHOWN} more (see the risk list)
            </Typography>
          )}
        </List>
      )}
    </>
  );
}

/** What changed with a run: findings new (or reopened) and findings fixed since the previous run. */
export function RunDiffPanel(props: { runId: string }) {
  const { data, error, isPending } = useInspectionRunDiff(props.runId);
  if (isPending) return <Progress />;
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  return (
    <Grid container spacing={3}>
      {!data.previousRunId && (
        <Grid item xs={12}>
          <Typography variant="body2" color="textSecondary">
            First run of this cluster: everything it found is new.
          </Typography>
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <FindingList title="New or reopened" items={data.new} />
      </Grid>
      <Grid item xs={12} md={6}>
        <FindingList title="Fixed" items={data.fixed} />
      </Grid>
    </Grid>
  );
}
