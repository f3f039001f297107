import { TableCell, TablePagination, TableRow } from '@material-ui/core';
import type { ReactNode } from 'react';
import type { Paging } from './usePaging';

/** The pager under a server-paged table. */
export function PagingFooter(props: {
  paging: Paging;
  total: number;
  pageSizes?: number[];
}) {
  const { paging } = props;
  return (
    <TablePagination
      component="div"
      count={props.total}
      page={paging.page}
      rowsPerPage={paging.pageSize}
      rowsPerPageOptions={props.pageSizes ?? [10, 20, 50]}
      onPageChange={(_e, page) => paging.setPage(page)}
      onRowsPerPageChange={e => paging.setPageSize(Number(e.target.value))}
    />
  );
}

/** The one row of a table with nothing to show. */
export function EmptyTableRow(props: { colSpan: number; children: ReactNode }) {
  return (
    <TableRow>
      <TableCell colSpan={props.colSpan} align="center">
        {props.children}
      </TableCell>
    </TableRow>
  );
}
