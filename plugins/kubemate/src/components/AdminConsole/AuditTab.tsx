import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { useEffect, useState } from 'react';
import { AUDIT_RESULTS } from '@kubemate/plugin-kubemate-common';
import { kubemateApiRef, type AuditFilters } from '../../api';
import { useAuditLog } from '../../queries';
import { AuditResultStatus } from '../AuditLog/AuditResultStatus';
import { downloadBlob } from '../InspectionShared';
import { EmptyTableRow, PagingFooter, usePaging } from '../Paging';

type Filters = AuditFilters & { entityRef?: string };

const TEXT_FILTERS: Array<[keyof Filters, string]> = [
  ['actor', 'Actor'],
  ['operation', 'Operation'],
  ['cluster', 'Cluster'],
  ['namespace', 'Namespace'],
  ['entityRef', 'Entity'],
];

/** The filters, applied once typing pauses. */
function FiltersBar(props: { filters: Filters; onChange(f: Filters): void }) {
  const { filters, onChange } = props;
  const [draft, setDraft] = useState<Record<string, string>>({});
  useEffect(() => {
    const next: Filters = { ...filters };
    let changed = false;
    for (const [key] of TEXT_FILTERS) {
      const value = draft[key]?.trim() || undefined;
      if (draft[key] !== undefined && value !== filters[key]) {
        (next as Record<string, unknown>)[key] = value;
        changed = true;
      }
    }
    if (!changed) return undefined;
    const timer = setTimeout(() => onChange(next), 400);
    return () => clearTimeout(timer);
  }, [draft, filters, onChange]);
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      {TEXT_FILTERS.map(([key, label]) => (
        <TextField
          key={key}
          id={`kubemate-admin-audit-${key}`}
          label={label}
          value={draft[key] ?? ''}
          onChange={e => setDraft(d => ({ ...d, [key]: e.target.value }))}
          style={{ minWidth: 150 }}
        />
      ))}
      <TextField
        select
        id="kubemate-admin-audit-result"
        label="Result"
        value={filters.result ?? ''}
        SelectProps={{ native: true }}
        onChange={e =>
          onChange({
            ...filters,
            result: (e.target.value || undefined) as Filters['result'],
          })
        }
        style={{ minWidth: 130 }}
      >
        <option value="">All</option>
        {AUDIT_RESULTS.map(r => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </TextField>
      <TextField
        id="kubemate-admin-audit-since"
        label="Since"
        type="date"
        InputLabelProps={{ shrink: true }}
        value={filters.since ?? ''}
        onChange={e =>
          onChange({ ...filters, since: e.target.value || undefined })
        }
      />
      <TextField
        id="kubemate-admin-audit-until"
        label="Until"
        type="date"
        InputLabelProps={{ shrink: true }}
        value={filters.until ?? ''}
        onChange={e =>
          onChange({ ...filters, until: e.target.value || undefined })
        }
      />
    </Box>
  );
}

/** Audit log tab: the whole log, filtered and paged, and its CSV export with the same filters. */
export function AuditTab() {
  const api = useApi(kubemateApiRef);
  const [filters, setFilters] = useState<Filters>({});
  const paging = usePaging(20);
  const log = useAuditLog(filters, paging);
  const [exportError, setExportError] = useState<Error>();
  const download = async () => {
    setExportError(undefined);
    try {
      downloadBlob(await api.exportAuditCsv(filters), 'kubemate-audit.csv');
    } catch (e) {
      setExportError(e as Error);
    }
  };
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        <FiltersBar
          filters={filters}
          onChange={f => {
            setFilters(f);
            paging.reset();
          }}
        />
        <Button variant="outlined" onClick={download}>
          Download CSV
        </Button>
      </Box>
      {exportError && <ResponseErrorPanel error={exportError} />}
      {log.isPending && <Progress />}
      {log.error && <ResponseErrorPanel error={log.error} />}
      {log.data && (
        <>
          <Table size="small" aria-label="Audit log">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Actor</TableCell>
                <TableCell>Operation</TableCell>
                <TableCell>Object</TableCell>
                <TableCell>Result</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {log.data.items.length === 0 && (
                <EmptyTableRow colSpan={5}>No audited operations</EmptyTableRow>
              )}
              {log.data.items.map(e => (
                <TableRow key={e.id}>
                  <TableCell>{new Date(e.at).toLocaleString()}</TableCell>
                  <TableCell>{e.actor}</TableCell>
                  <TableCell>{e.operation}</TableCell>
                  <TableCell>
                    {[e.cluster, e.namespace].filter(Boolean).join('/')}{' '}
                    {e.kind ?? ''} {e.name ?? ''}
                    {e.entityRef && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        {e.entityRef}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <AuditResultStatus result={e.result} />
                    {e.error && (
                      <Typography variant="caption" component="div">
                        {e.error}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <PagingFooter paging={paging} total={log.data.total} />
        </>
      )}
    </Box>
  );
}
