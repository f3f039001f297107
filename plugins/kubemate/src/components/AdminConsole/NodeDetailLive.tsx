import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useQuery } from '@tanstack/react-query';
import { EmptyTableRow } from '../Paging';
import { useAdminClient } from './adminClient';
import { formatBytes, formatCpu } from './format';
import { UsageChart } from './UsageChart';

/** What the node detail fetches: its pods, its events and its usage history. */
export function NodeDetailLive(props: { cluster: string; node: string }) {
  const client = useAdminClient();
  const detail = useQuery({
    queryKey: ['kubemate', 'admin', 'node', props.cluster, props.node],
    queryFn: () => client.nodeDetail(props.cluster, props.node),
    refetchInterval: 30_000,
  });
  if (detail.isPending) return <Progress />;
  if (detail.error) return <ResponseErrorPanel error={detail.error} />;
  const { pods, events, history } = detail.data;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box>
        <Typography variant="subtitle2">Usage history (Prometheus)</Typography>
        {history.state === 'ok' ? (
          <>
            <UsageChart
              title="CPU used"
              samples={history.cpu}
              format={formatCpu}
            />
            <UsageChart
              title="Memory used"
              samples={history.memory}
              format={formatBytes}
            />
          </>
        ) : (
          <Alert
            severity={history.state === 'unavailable' ? 'warning' : 'info'}
          >
            {history.state === 'unavailable'
              ? 'Prometheus unavailable'
              : 'Prometheus not configured'}
            {history.message ? `: ${history.message}` : ''}
          </Alert>
        )}
      </Box>
      <Box>
        <Typography variant="subtitle2">Pods ({pods.length})</Typography>
        <Table size="small" aria-label="Pods of the node">
          <TableHead>
            <TableRow>
              <TableCell>Pod</TableCell>
              <TableCell>Phase</TableCell>
              <TableCell>CPU req / lim</TableCell>
              <TableCell>Memory req / lim</TableCell>
              <TableCell>Restarts</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {pods.length === 0 && (
              <EmptyTableRow colSpan={5}>No pods</EmptyTableRow>
            )}
            {pods.map(p => (
              <TableRow key={`${p.namespace}/${p.name}`}>
                <TableCell>
                  {p.namespace}/{p.name}
                </TableCell>
                <TableCell>{p.phase ?? ''}</TableCell>
                <TableCell>
                  {formatCpu(p.requested.cpu)} / {formatCpu(p.limited.cpu)}
                </TableCell>
                <TableCell>
                  {formatBytes(p.requested.memory)} /{' '}
                  {formatBytes(p.limited.memory)}
                </TableCell>
                <TableCell>{p.restarts}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Box>
        <Typography variant="subtitle2">Events</Typography>
        <Table size="small" aria-label="Events of the node">
          <TableHead>
            <TableRow>
              <TableCell>Type</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Message</TableCell>
              <TableCell>Last seen</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.length === 0 && (
              <EmptyTableRow colSpan={4}>No events</EmptyTableRow>
            )}
            {events.map(ev => (
              <TableRow key={`${ev.namespace}/${ev.name}`}>
                <TableCell>{ev.type}</TableCell>
                <TableCell>{ev.reason}</TableCell>
                <TableCell>{ev.message}</TableCell>
                <TableCell>
                  {ev.lastSeen ? new Date(ev.lastSeen).toLocaleString() : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
