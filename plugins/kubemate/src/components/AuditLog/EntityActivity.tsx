import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { kubemateWorkloadAuditReadPermission } from '@kubemate/plugin-kubemate-common';
import {
  Box,
  IconButton,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Fragment, useCallback, useState } from 'react';
import type { AuditEntry, AuditFilters } from '../../api';
import { useEntityAudit } from '../../queries';
import { EmptyTableRow, PagingFooter, usePaging } from '../Paging';
import { age } from '../age';
import { AuditDiff } from './AuditDiff';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditResultStatus } from './AuditResultStatus';

const parameters = (entry: AuditEntry) =>
  Object.entries(entry.parameters ?? {})
    .filter(([key]) => key !== 'yaml')
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(', ');

function ActivityRow(props: { entry: AuditEntry }) {
  const { entry } = props;
  const [open, setOpen] = useState(false);
  const canDiff = Boolean(entry.beforeYaml && entry.afterYaml);
  const target = `${entry.kind ?? ''} ${entry.namespace ?? ''}/${
    entry.name ?? ''
  }`;
  return (
    <Fragment>
      <TableRow>
        <TableCell title={new Date(entry.at).toLocaleString()}>
          {`${age(entry.at)} ago`}
        </TableCell>
        <TableCell>{entry.actor}</TableCell>
        <TableCell>{entry.operation}</TableCell>
        <TableCell>
          {target}
          {entry.cluster && (
            <Typography variant="caption" display="block" color="textSecondary">
              {entry.cluster}
            </Typography>
          )}
        </TableCell>
        <TableCell>{parameters(entry) || '—'}</TableCell>
        <TableCell>
          <AuditResultStatus result={entry.result} />
          {entry.error && (
            <Typography variant="caption" display="block" color="textSecondary">
              {entry.error}
            </Typography>
          )}
        </TableCell>
        <TableCell padding="checkbox">
          {canDiff && (
            <Tooltip title={open ? 'Hide changes' : 'Show changes'}>
              <IconButton
                size="small"
                aria-label={`Changes of ${entry.operation} ${target}`}
                aria-expanded={open}
                onClick={() => setOpen(o => !o)}
              >
                {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
              </IconButton>
            </Tooltip>
          )}
        </TableCell>
      </TableRow>
      {open && entry.beforeYaml && entry.afterYaml && (
        <TableRow>
          <TableCell colSpan={7}>
            <AuditDiff before={entry.beforeYaml} after={entry.afterYaml} />
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}

/**
 * Who did what to the entity's workloads, and when: the entity's audit log, filterable and
 * paged. Shown only to people holding kubemate.workload.audit.read on the entity.
 */
export function EntityActivity() {
  const { entity } = useEntity();
  const permission = usePermission({
    permission: kubemateWorkloadAuditReadPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [filters, setFilters] = useState<AuditFilters>({});
  const paging = usePaging(10);
  const { data, error, isPending } = useEntityAudit(
    entity,
    filters,
    { limit: paging.limit, offset: paging.offset },
    { enabled: permission.allowed },
  );
  const { reset } = paging;
  const changeFilters = useCallback(
    (next: AuditFilters) => {
      setFilters(next);
      reset();
    },
    [reset],
  );
  if (!permission.allowed) return null;

  return (
    <Paper component="section" aria-label="Activity">
      <Box px={2} pt={2} pb={1}>
        <Typography variant="h5">Activity</Typography>
        <Typography variant="body2" color="textSecondary">
          Changes to these workloads and refused attempts, newest first.
        </Typography>
      </Box>
      <AuditFiltersBar filters={filters} onChange={changeFilters} />
      {error && <ResponseErrorPanel error={error} />}
      {isPending && <Progress />}
      {data && (
        <>
          <Table size="small" aria-label="Activity log">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Who</TableCell>
                <TableCell>Operation</TableCell>
                <TableCell>Target</TableCell>
                <TableCell>Parameters</TableCell>
                <TableCell>Result</TableCell>
                <TableCell padding="checkbox" />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map(entry => (
                <ActivityRow key={entry.id} entry={entry} />
              ))}
              {data.items.length === 0 && (
                <EmptyTableRow colSpan={7}>No activity recorded</EmptyTableRow>
              )}
            </TableBody>
          </Table>
          <PagingFooter
            paging={paging}
            total={data.total}
            pageSizes={[10, 25, 50]}
          />
        </>
      )}
    </Paper>
  );
}
