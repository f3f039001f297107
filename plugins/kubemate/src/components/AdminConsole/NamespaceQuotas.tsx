import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  parseQuantity,
  type NamespaceQuotas as Quotas,
} from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useQuery } from '@tanstack/react-query';
import { EmptyTableRow } from '../Paging';
import { useAdminClient } from './adminClient';
import { formatBytes, formatCpu } from './format';
import { UsageBar } from './UsageBar';

/** How a quota resource's amounts read: bytes for memory and storage, cores for CPU. */
function formatterOf(resource: string): (n: number) => string {
  if (/memory|storage/.test(resource)) return formatBytes;
  if (/cpu/.test(resource)) return formatCpu;
  return n => String(Math.round(n * 100) / 100);
}

const amounts = (q?: Record<string, string>) =>
  q
    ? Object.entries(q)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
    : '';

function NamespaceRow(props: { item: Quotas }) {
  const { item } = props;
  return (
    <TableRow>
      <TableCell style={{ verticalAlign: 'top' }}>{item.namespace}</TableCell>
      <TableCell style={{ verticalAlign: 'top' }}>
        {item.quotas.length === 0 && 'no ResourceQuota'}
        {item.quotas.map(q => (
          <Box key={q.name} mb={1}>
            <Typography variant="caption" component="div">
              {q.name}
            </Typography>
            {q.resources.map(r => (
              <Box key={r.resource} display="flex" style={{ gap: 8 }}>
                <Typography variant="body2" style={{ minWidth: 130 }}>
                  {r.resource}
                </Typography>
                <UsageBar
                  label={`${item.namespace} ${r.resource} used`}
                  value={parseQuantity(r.used ?? '0') ?? 0}
                  of={parseQuantity(r.hard) ?? 0}
                  format={formatterOf(r.resource)}
                />
              </Box>
            ))}
          </Box>
        ))}
      </TableCell>
      <TableCell style={{ verticalAlign: 'top' }}>
        {item.limitRanges.length === 0 && 'no LimitRange'}
        {item.limitRanges.map(lr => (
          <Box key={lr.name} mb={1}>
            <Typography variant="caption" component="div">
              {lr.name}
            </Typography>
            {lr.limits.map((l, i) => (
              <Typography key={`${l.type}-${i}`} variant="body2">
                {l.type}:{' '}
                {[
                  l.defaultRequest &&
                    `default request ${amounts(l.defaultRequest)}`,
                  l.default && `default limit ${amounts(l.default)}`,
                  l.min && `min ${amounts(l.min)}`,
                  l.max && `max ${amounts(l.max)}`,
                ]
                  .filter(Boolean)
                  .join('; ')}
              </Typography>
            ))}
          </Box>
        ))}
      </TableCell>
    </TableRow>
  );
}

/** Quota usage (used vs hard, as bars) and limit ranges of each namespace of a cluster. */
export function NamespaceQuotas(props: { cluster: string }) {
  const client = useAdminClient();
  const quotas = useQuery({
    queryKey: ['kubemate', 'admin', 'quotas', props.cluster],
    queryFn: () => client.quotas(props.cluster),
    refetchInterval: 30_000,
  });
  if (quotas.isPending) return <Progress />;
  if (quotas.error) return <ResponseErrorPanel error={quotas.error} />;
  return (
    <Table
      size="small"
      aria-label={`Quotas and limit ranges of ${props.cluster}`}
    >
      <TableHead>
        <TableRow>
          <TableCell>Namespace</TableCell>
          <TableCell>Quota used / hard</TableCell>
          <TableCell>Limit ranges</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {quotas.data.items.length === 0 && (
          <EmptyTableRow colSpan={3}>
            No namespace has a ResourceQuota or LimitRange
          </EmptyTableRow>
        )}
        {quotas.data.items.map(item => (
          <NamespaceRow key={item.namespace} item={item} />
        ))}
      </TableBody>
    </Table>
  );
}
