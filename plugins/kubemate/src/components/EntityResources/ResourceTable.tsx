import { Table, type TableColumn } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { useMemo, useRef, type ReactNode } from 'react';

/**
 * The accessible name material-table gives every row's expand button (its spelling); tests
 * and assistive technology find the toggle by it.
 */
export const DETAIL_TOGGLE_LABEL = 'Detail panel visiblity toggle';

/**
 * The table every resource kind uses: paged (a page of rows is all that is rendered, however
 * many objects), searchable, with an empty state and an optional expandable detail per row.
 * Rows need a stable `id`: material-table keeps a row's expanded state by it across refreshes.
 */
export function ResourceTable<Row extends { id: string }>(props: {
  title: string;
  columns: TableColumn<Row>[];
  rows: Row[];
  empty: string;
  detail?: (row: Row) => ReactNode;
}) {
  // material-table renders the panel as a component of this function's identity: a new
  // function each render would remount the panel (losing its state) on every refresh.
  const detail = useRef(props.detail);
  detail.current = props.detail;
  const hasDetail = !!props.detail;
  const detailPanel = useMemo(
    () =>
      hasDetail
        ? [
            {
              tooltip: 'Show details',
              render: ({ rowData }: { rowData: Row }) => (
                <Box px={6} py={2} data-testid="resource-detail">
                  {detail.current?.(rowData)}
                </Box>
              ),
            },
          ]
        : undefined,
    [hasDetail],
  );
  return (
    <Table<Row>
      title={props.title}
      columns={props.columns}
      data={props.rows}
      options={{
        paging: props.rows.length > 10,
        pageSize: 10,
        pageSizeOptions: [10, 25, 50],
        search: props.rows.length > 0,
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
      emptyContent={
        <Box p={3} textAlign="center">
          <Typography color="textSecondary">{props.empty}</Typography>
        </Box>
      }
      detailPanel={detailPanel}
    />
  );
}
