import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { kubemateRiskIgnorePermission } from '@kubemate/plugin-kubemate-common';
import {
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  Typography,
} from '@material-ui/core';
import { useMemo, useState } from 'react';
import type { FindingFilter, FindingSortField } from '../../api';
import { useInspectionFindings } from '../../queries';
import { EmptyTableRow, PagingFooter, usePaging } from '../Paging';
import { ExportButtons } from './ExportButtons';
import {
  DEFAULT_RISK_FILTER,
  FindingFilters,
  type RiskFilter,
} from './FindingFilters';
import { FINDING_COLUMNS, FindingRow } from './FindingRow';

const HEADERS: Array<{ label: string; sort?: FindingSortField }> = [
  { label: '' },
  { label: 'Severity', sort: 'severity' },
  { label: 'Risk', sort: 'ruleId' },
  { label: 'Resource', sort: 'name' },
  { label: 'Category', sort: 'category' },
  { label: 'State', sort: 'state' },
  { label: 'Last seen', sort: 'lastSeenAt' },
  { label: '' },
];

/**
 * The risk list of a scope (an entity, a cluster, the fleet): filters, server-side sorting and
 * paging, expandable details, ignore / un-ignore, and exports of what is filtered.
 */
export function FindingsPanel(props: {
  /** Fixed scope of the view, e.g. `{ entityRef: [...] }`. */
  scope: Pick<FindingFilter, 'cluster' | 'entityRef'>;
  exportName: string;
  showCluster?: boolean;
}) {
  const [filter, setFilter] = useState<RiskFilter>(DEFAULT_RISK_FILTER);
  const [sort, setSort] = useState<{
    field: FindingSortField;
    order: 'asc' | 'desc';
  }>({ field: 'severity', order: 'desc' });
  const paging = usePaging(20);
  const { allowed: canIgnore } = usePermission({
    permission: kubemateRiskIgnorePermission,
  });

  const fullFilter: FindingFilter = useMemo(
    () => ({ ...filter, ...props.scope }),
    [filter, props.scope],
  );
  const { data, error, isPending, isFetching } = useInspectionFindings({
    ...fullFilter,
    sort: sort.field,
    order: sort.order,
    limit: paging.limit,
    offset: paging.offset,
  });
  const namespaces = useMemo(
    () =>
      [
        ...new Set(
          (data?.items ?? []).flatMap(f =>
            f.resource.namespace ? [f.resource.namespace] : [],
          ),
        ),
      ].sort(),
    [data],
  );

  const changeFilter = (next: RiskFilter) => {
    setFilter(next);
    paging.reset();
  };
  const changeSort = (field: FindingSortField) => {
    setSort(s =>
      s.field === field
        ? { field, order: s.order === 'asc' ? 'desc' : 'asc' }
        : { field, order: field === 'severity' ? 'desc' : 'asc' },
    );
    paging.reset();
  };

  return (
    <Box>
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="flex-end"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 16 }}
      >
        <FindingFilters
          value={filter}
          onChange={changeFilter}
          namespaces={namespaces}
        />
        <ExportButtons filter={fullFilter} baseName={props.exportName} />
      </Box>
      {error && <ResponseErrorPanel error={error} />}
      {isPending && <Progress />}
      {data && (
        <>
          <Box height={4}>{isFetching && <LinearProgress />}</Box>
          <TableContainer>
            <Table size="small" aria-label="Risks">
              <TableHead style={{ whiteSpace: 'nowrap' }}>
                <TableRow>
                  {HEADERS.map((h, i) => (
                    <TableCell
                      key={i}
                      sortDirection={
                        h.sort && sort.field === h.sort ? sort.order : false
                      }
                    >
                      {h.sort ? (
                        <TableSortLabel
                          active={sort.field === h.sort}
                          direction={sort.field === h.sort ? sort.order : 'asc'}
                          onClick={() => changeSort(h.sort!)}
                        >
                          {h.label}
                        </TableSortLabel>
                      ) : (
                        h.label
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map(f => (
                  <FindingRow
                    key={f.fingerprint}
                    finding={f}
                    canIgnore={canIgnore}
                    showCluster={props.showCluster}
                  />
                ))}
                {data.items.length === 0 && (
                  <EmptyTableRow colSpan={FINDING_COLUMNS}>
                    <Typography color="textSecondary">
                      No risks match these filters.
                    </Typography>
                  </EmptyTableRow>
                )}
              </TableBody>
            </Table>
          </TableContainer>
          <PagingFooter
            paging={paging}
            total={data.total}
            pageSizes={[10, 20, 50, 100]}
          />
        </>
      )}
    </Box>
  );
}
