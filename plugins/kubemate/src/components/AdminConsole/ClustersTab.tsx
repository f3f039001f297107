import {
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { NodeSummary } from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Chip,
  Dialog,
  DialogContent,
  DialogTitle,
  Link,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { useState } from 'react';
import { useClusterNodes, useClusters } from '../../queries';
import { EmptyTableRow } from '../Paging';
import { formatBytes, formatCpu } from './format';
import { NodeDetailLive } from './NodeDetailLive';
import { UsageBar } from './UsageBar';

/** Ready is good when True, the pressures when False. */
function ConditionStatus(props: { type: string; status: string }) {
  const good =
    props.type === 'Ready' ? props.status === 'True' : props.status === 'False';
  if (good) return <StatusOK>{props.type}</StatusOK>;
  if (props.status === 'Unknown') {
    return <StatusWarning>{props.type}: Unknown</StatusWarning>;
  }
  return <StatusError>{props.type}</StatusError>;
}

/** The problems of a node in a few words, or Ready. */
function NodeConditions(props: { node: NodeSummary }) {
  const bad = props.node.conditions.filter(c =>
    c.type === 'Ready' ? c.status !== 'True' : c.status !== 'False',
  );
  return (
    <Box display="flex" flexDirection="column">
      {(bad.length
        ? bad
        : props.node.conditions.filter(c => c.type === 'Ready')
      ).map(c => (
        <ConditionStatus key={c.type} type={c.type} status={c.status} />
      ))}
      {props.node.unschedulable && (
        <StatusWarning>SchedulingDisabled</StatusWarning>
      )}
    </Box>
  );
}

/** A cluster selector; the first reachable cluster by default. */
export function ClusterSelect(props: {
  value: string | undefined;
  onChange(cluster: string): void;
}) {
  const clusters = useClusters();
  const items = clusters.data?.items ?? [];
  return (
    <TextField
      select
      id="kubemate-admin-cluster"
      label="Cluster"
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value)}
      style={{ minWidth: 200 }}
    >
      {items.map(c => (
        <MenuItem key={c.name} value={c.name}>
          {c.title ?? c.name}
          {c.reachable ? '' : ' (unreachable)'}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The selected cluster, defaulting to the first reachable one once the list is known. */
export function useSelectedCluster(): [
  string | undefined,
  (c: string) => void,
] {
  const clusters = useClusters();
  const [chosen, setChosen] = useState<string>();
  const first =
    clusters.data?.items.find(c => c.reachable)?.name ??
    clusters.data?.items[0]?.name;
  return [chosen ?? first, setChosen];
}

function NodeDetail(props: {
  cluster: string;
  node: NodeSummary;
  onClose(): void;
}) {
  const { node } = props;
  return (
    <Dialog open onClose={props.onClose} maxWidth="md" fullWidth>
      <DialogTitle>Node {node.name}</DialogTitle>
      <DialogContent>
        <Typography variant="subtitle2">Conditions</Typography>
        <Table size="small" aria-label="Conditions">
          <TableHead>
            <TableRow>
              <TableCell>Type</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Message</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {node.conditions.map(c => (
              <TableRow key={c.type}>
                <TableCell>
                  <ConditionStatus type={c.type} status={c.status} />
                </TableCell>
                <TableCell>{c.status}</TableCell>
                <TableCell>{c.reason ?? ''}</TableCell>
                <TableCell>{c.message ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Box mt={2}>
          <Typography variant="subtitle2">Taints</Typography>
          {node.taints.length === 0 ? (
            <Typography variant="body2">No taints</Typography>
          ) : (
            node.taints.map(t => (
              <Chip
                key={`${t.key}:${t.effect}`}
                size="small"
                label={`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`}
                style={{ margin: 2 }}
              />
            ))
          )}
        </Box>
        <Box mt={2}>
          <Typography variant="subtitle2">Labels</Typography>
          {Object.entries(node.labels).map(([k, v]) => (
            <Chip
              key={k}
              size="small"
              variant="outlined"
              label={`${k}=${v}`}
              style={{ margin: 2 }}
            />
          ))}
        </Box>
        <Box mt={2} mb={1}>
          <Typography variant="body2">
            Kubelet {node.kubeletVersion ?? 'unknown'} · capacity{' '}
            {formatCpu(node.capacity.cpu)} CPU,{' '}
            {formatBytes(node.capacity.memory)}, {node.capacity.pods} pods
          </Typography>
        </Box>
        <NodeDetailLive cluster={props.cluster} node={node.name} />
      </DialogContent>
    </Dialog>
  );
}

/** The nodes of one cluster: what they offer, what their pods request and limit, usage. */
export function NodesTable(props: { cluster: string }) {
  const nodes = useClusterNodes(props.cluster);
  const [open, setOpen] = useState<NodeSummary>();
  if (nodes.isPending) return <Progress />;
  if (nodes.error) return <ResponseErrorPanel error={nodes.error} />;
  const { items, metricsAvailable } = nodes.data;
  return (
    <>
      {!metricsAvailable && (
        <Typography variant="body2" color="textSecondary">
          The cluster does not serve metrics.k8s.io: no usage shown.
        </Typography>
      )}
      <Table size="small" aria-label={`Nodes of ${props.cluster}`}>
        <TableHead>
          <TableRow>
            <TableCell>Node</TableCell>
            <TableCell>Conditions</TableCell>
            <TableCell>CPU requested</TableCell>
            <TableCell>CPU limited</TableCell>
            <TableCell>Memory requested</TableCell>
            <TableCell>Memory limited</TableCell>
            {metricsAvailable && <TableCell>Usage</TableCell>}
            <TableCell>Pods</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.length === 0 && (
            <EmptyTableRow colSpan={8}>No nodes</EmptyTableRow>
          )}
          {items.map(n => (
            <TableRow key={n.name} hover>
              <TableCell>
                <Link
                  component="button"
                  variant="body2"
                  onClick={() => setOpen(n)}
                >
                  {n.name}
                </Link>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {n.roles.join(', ') || 'no role'} · {n.kubeletVersion ?? ''}
                </Typography>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  allocatable {formatCpu(n.allocatable.cpu)} of{' '}
                  {formatCpu(n.capacity.cpu)} CPU,{' '}
                  {formatBytes(n.allocatable.memory)} of{' '}
                  {formatBytes(n.capacity.memory)}
                </Typography>
              </TableCell>
              <TableCell>
                <NodeConditions node={n} />
              </TableCell>
              <TableCell>
                <UsageBar
                  label="CPU requested"
                  value={n.requested.cpu}
                  of={n.allocatable.cpu}
                  format={formatCpu}
                />
              </TableCell>
              <TableCell>
                <UsageBar
                  label="CPU limited"
                  value={n.limited.cpu}
                  of={n.allocatable.cpu}
                  format={formatCpu}
                />
              </TableCell>
              <TableCell>
                <UsageBar
                  label="Memory requested"
                  value={n.requested.memory}
                  of={n.allocatable.memory}
                  format={formatBytes}
                />
              </TableCell>
              <TableCell>
                <UsageBar
                  label="Memory limited"
                  value={n.limited.memory}
                  of={n.allocatable.memory}
                  format={formatBytes}
                />
              </TableCell>
              {metricsAvailable && (
                <TableCell>
                  {n.usage ? (
                    <>
                      <UsageBar
                        label="CPU used"
                        value={n.usage.cpu}
                        of={n.allocatable.cpu}
                        format={formatCpu}
                      />
                      <UsageBar
                        label="Memory used"
                        value={n.usage.memory}
                        of={n.allocatable.memory}
                        format={formatBytes}
                      />
                    </>
                  ) : (
                    '—'
                  )}
                </TableCell>
              )}
              <TableCell>
                <UsageBar
                  label="Pods"
                  value={n.podCount}
                  of={n.allocatable.pods}
                  format={String}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {open && (
        <NodeDetail
          cluster={props.cluster}
          node={open}
          onClose={() => setOpen(undefined)}
        />
      )}
    </>
  );
}

/** Clusters tab: pick a cluster, see its reachability, version and nodes. */
export function ClustersTab() {
  const clusters = useClusters();
  const [cluster, setCluster] = useSelectedCluster();
  if (clusters.isPending) return <Progress />;
  if (clusters.error) return <ResponseErrorPanel error={clusters.error} />;
  const summary = clusters.data.items.find(c => c.name === cluster);
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        <ClusterSelect value={cluster} onChange={setCluster} />
        {summary && (
          <Typography variant="body2">
            {summary.reachable ? (
              <StatusOK>reachable</StatusOK>
            ) : (
              <StatusError>unreachable: {summary.error}</StatusError>
            )}{' '}
            {summary.version?.gitVersion ?? ''}
          </Typography>
        )}
      </Box>
      {cluster && summary?.reachable && <NodesTable cluster={cluster} />}
    </Box>
  );
}
