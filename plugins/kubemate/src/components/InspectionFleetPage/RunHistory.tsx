import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  Box,
  Collapse,
  FormControl,
  IconButton,
  InputLabel,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import { useState } from 'react';
import type { InspectionRun } from '../../api';
import {
  useInspectionClusters,
  useInspectionRuns,
  useRefreshWhenRunsFinish,
} from '../../queries';
import {
  SeverityBar,
  formatDateTime,
  formatDuration,
  formatPercent,
} from '../InspectionShared';
import { EmptyTableRow, PagingFooter, usePaging } from '../Paging';
import { ExecutionFailures } from './ExecutionFailures';
import { RunDiffPanel } from './RunDiffPanel';
import { RunStatus } from './RunStatus';

const COLUMNS = 9;

function RunRow(props: { run: InspectionRun }) {
  const { run } = props;
  const [open, setOpen] = useState(false);
  const s = run.summary;
  return (
    <>
      <TableRow hover data-run-id={run.id}>
        <TableCell padding="checkbox">
          {run.status === 'succeeded' && (
            <IconButton
              size="small"
              aria-label={open ? 'Hide changes' : 'Show changes'}
              aria-expanded={open}
              onClick={() => setOpen(o => !o)}
            >
              {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
            </IconButton>
          )}
        </TableCell>
        <TableCell>{run.cluster}</TableCell>
        <TableCell>
          <RunStatus run={run} />
        </TableCell>
        <TableCell>
          {run.trigger}
          <Typography variant="caption" color="textSecondary" display="block">
            {run.profile} · {run.source}
            {run.requestedBy ? ` · ${run.requestedBy}` : ''}
          </Typography>
        </TableCell>
        <TableCell>{formatDateTime(run.startedAt)}</TableCell>
        <TableCell>{formatDuration(run.startedAt, run.finishedAt)}</TableCell>
        <TableCell>
          {s ? (
            <>
              {Math.round(s.score)}
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {formatPercent(s.passRate)} of {s.total}
              </Typography>
            </>
          ) : (
            '—'
          )}
        </TableCell>
        <TableCell style={{ minWidth: 120 }}>
          {s ? (
            <>
              <SeverityBar counts={s.failedBySeverity} />
              <Typography variant="caption">
                {s.failed} failed, {s.errors} execution failed
              </Typography>
            </>
          ) : (
            '—'
          )}
        </TableCell>
        <TableCell>
          {s
            ? `+${s.newFindings + s.reopenedFindings} / −${s.fixedFindings}`
            : '—'}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell
          style={{ paddingTop: 0, paddingBottom: 0 }}
          colSpan={COLUMNS}
        >
          <Collapse in={open} unmountOnExit>
            <Box py={2} pl={6}>
              {s && s.executionFailures.length > 0 && (
                <Box mb={2}>
                  <ExecutionFailures failures={s.executionFailures} />
                </Box>
              )}
              <RunDiffPanel runId={run.id} />
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}

/** Every run, newest first, paged on the server; polled every 2 s while one is running. */
export function RunHistory() {
  const [cluster, setCluster] = useState<string>('');
  const paging = usePaging(20);
  const clusters = useInspectionClusters();
  const { data, error, isPending } = useInspectionRuns({
    cluster: cluster || undefined,
    limit: paging.limit,
    offset: paging.offset,
  });
  useRefreshWhenRunsFinish(
    (data?.items ?? []).flatMap(r => (r.status === 'running' ? [r.id] : [])),
  );
  return (
    <Box>
      <FormControl style={{ minWidth: 200 }}>
        <InputLabel id="kubemate-runs-cluster-label">Cluster</InputLabel>
        <Select
          labelId="kubemate-runs-cluster-label"
          value={cluster}
          onChange={e => {
            setCluster(e.target.value as string);
            paging.reset();
          }}
        >
          <MenuItem value="">All clusters</MenuItem>
          {(clusters.data ?? []).map(c => (
            <MenuItem key={c.name} value={c.name}>
              {c.title ?? c.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {error && <ResponseErrorPanel error={error} />}
      {isPending && <Progress />}
      {data && (
        <>
          <TableContainer>
            <Table size="small" aria-label="Run history">
              <TableHead style={{ whiteSpace: 'nowrap' }}>
                <TableRow>
                  <TableCell />
                  <TableCell>Cluster</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Trigger</TableCell>
                  <TableCell>Started</TableCell>
                  <TableCell>Duration</TableCell>
                  <TableCell>Score</TableCell>
                  <TableCell>Failed checks</TableCell>
                  <TableCell>New / fixed</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map(r => (
                  <RunRow key={r.id} run={r} />
                ))}
                {data.items.length === 0 && (
                  <EmptyTableRow colSpan={COLUMNS}>
                    <Typography color="textSecondary">No runs yet.</Typography>
                  </EmptyTableRow>
                )}
              </TableBody>
            </Table>
          </TableContainer>
          <PagingFooter paging={paging} total={data.total} />
        </>
      )}
    </Box>
  );
}
