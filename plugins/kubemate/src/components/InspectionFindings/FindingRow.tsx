import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Collapse,
  IconButton,
  TableCell,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import { useState } from 'react';
import type { Finding } from '../../api';
import { useIgnoreFinding } from '../../queries';
import {
  SeverityChip,
  StateChip,
  errorMessage,
  formatDateTime,
  formatResource,
} from '../InspectionShared';
import { FindingDetail } from './FindingDetail';
import { IgnoreDialog } from './IgnoreDialog';

const useStyles = makeStyles(theme => ({
  row: { '& > *': { borderBottom: 'unset' } },
  detail: { padding: theme.spacing(1, 2, 3, 7) },
}));

export const FINDING_COLUMNS = 8;

/** One risk: a summary row, and its details when expanded. */
export function FindingRow(props: {
  finding: Finding;
  canIgnore: boolean;
  showCluster?: boolean;
}) {
  const { finding, canIgnore } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const [ignoring, setIgnoring] = useState(false);
  const alertApi = useApi(alertApiRef);
  const unignore = useIgnoreFinding();
  const detailId = `kubemate-finding-${finding.fingerprint}`;

  return (
    <>
      <TableRow
        className={classes.row}
        hover
        data-fingerprint={finding.fingerprint}
      >
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={open ? 'Hide details' : 'Show details'}
            aria-expanded={open}
            aria-controls={detailId}
            onClick={() => setOpen(o => !o)}
          >
            {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
          </IconButton>
        </TableCell>
        <TableCell>
          <SeverityChip severity={finding.severity} />
        </TableCell>
        <TableCell>
          <Typography variant="body2">{finding.title}</Typography>
          <Typography variant="caption" color="textSecondary">
            {finding.ruleId}
          </Typography>
        </TableCell>
        <TableCell>
          {formatResource(finding.resource)}
          {props.showCluster && (
            <Typography variant="caption" color="textSecondary" display="block">
              {finding.cluster}
            </Typography>
          )}
        </TableCell>
        <TableCell>{finding.category}</TableCell>
        <TableCell>
          <StateChip state={finding.state} />
        </TableCell>
        <TableCell>{formatDateTime(finding.lastSeenAt)}</TableCell>
        <TableCell align="right">
          {canIgnore &&
            (finding.state === 'ignored' ? (
              <Button
                size="small"
                disabled={unignore.isPending}
                onClick={() =>
                  unignore.mutate(
                    { fingerprint: finding.fingerprint, ignore: false },
                    {
                      onError: e =>
                        alertApi.post({
                          message: `Could not un-ignore: ${errorMessage(e)}`,
                          severity: 'error',
                        }),
                    },
                  )
                }
              >
                Un-ignore
              </Button>
            ) : (
              finding.state !== 'fixed' && (
                <Button size="small" onClick={() => setIgnoring(true)}>
                  Ignore
                </Button>
              )
            ))}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell
          style={{ paddingBottom: 0, paddingTop: 0 }}
          colSpan={FINDING_COLUMNS}
        >
          <Collapse in={open} timeout="auto" unmountOnExit>
            <Box className={classes.detail} id={detailId}>
              <FindingDetail finding={finding} />
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
      {ignoring && (
        <IgnoreDialog
          finding={finding}
          open={ignoring}
          onClose={() => setIgnoring(false)}
        />
      )}
    </>
  );
}
