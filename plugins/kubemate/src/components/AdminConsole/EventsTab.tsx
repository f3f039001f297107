import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type { ClusterEventsQuery } from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { useEffect, useState } from 'react';
import { useClusterEvents } from '../../queries';
import { age } from '../age';
import { EmptyTableRow } from '../Paging';
import { ClusterSelect, useSelectedCluster } from './ClustersTab';

type TextFilters = Pick<ClusterEventsQuery, 'namespace' | 'kind' | 'reason'>;

/** A text filter applied once typing pauses. */
function FilterField(props: {
  label: string;
  value: string | undefined;
  onChange(value: string | undefined): void;
}) {
  const { value, onChange } = props;
  const [text, setText] = useState(value ?? '');
  useEffect(() => {
    const trimmed = text.trim() || undefined;
    if (trimmed === value) return undefined;
    const timer = setTimeout(() => onChange(trimmed), 400);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <TextField
      id={`kubemate-admin-events-${props.label.toLowerCase()}`}
      label={props.label}
      value={text}
      onChange={e => setText(e.target.value)}
      style={{ minWidth: 160 }}
    />
  );
}

/** Events tab: the cluster's warning events, newest first, refreshed every 10 s. */
export function EventsTab() {
  const [cluster, setCluster] = useSelectedCluster();
  const [filters, setFilters] = useState<TextFilters>({});
  const events = useClusterEvents(cluster, {
    type: 'Warning',
    limit: 200,
    ...filters,
  });
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <ClusterSelect value={cluster} onChange={setCluster} />
        {(['namespace', 'kind', 'reason'] as const).map(key => (
          <FilterField
            key={key}
            label={key[0].toUpperCase() + key.slice(1)}
            value={filters[key]}
            onChange={value => setFilters(f => ({ ...f, [key]: value }))}
          />
        ))}
      </Box>
      {events.isPending && cluster && <Progress />}
      {events.error && <ResponseErrorPanel error={events.error} />}
      {events.data && (
        <>
          <Typography variant="caption" color="textSecondary">
            {events.data.total} warning event(s)
            {events.data.total > events.data.items.length
              ? `, the newest ${events.data.items.length} shown`
              : ''}
            ; refreshed every 10 s
          </Typography>
          <Table size="small" aria-label="Warning events">
            <TableHead>
              <TableRow>
                <TableCell>Last seen</TableCell>
                <TableCell>Namespace</TableCell>
                <TableCell>Object</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Message</TableCell>
                <TableCell>Count</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {events.data.items.length === 0 && (
                <EmptyTableRow colSpan={6}>No warning events</EmptyTableRow>
              )}
              {events.data.items.map(e => (
                <TableRow key={`${e.namespace}/${e.name}`}>
                  <TableCell>{e.lastSeen ? age(e.lastSeen) : ''}</TableCell>
                  <TableCell>{e.namespace}</TableCell>
                  <TableCell>
                    {e.involvedObject.kind}/{e.involvedObject.name}
                  </TableCell>
                  <TableCell>{e.reason}</TableCell>
                  <TableCell>{e.message}</TableCell>
                  <TableCell>{e.count}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Box>
  );
}
