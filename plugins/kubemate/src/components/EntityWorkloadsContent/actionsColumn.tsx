import type { TableColumn } from '@backstage/core-components';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import type { ReactNode } from 'react';

/** The columns, plus an Actions column when the caller renders controls per object. */
export function withActionsColumn<
  Row extends { id: string; object: KubeObject },
>(
  columns: TableColumn<Row>[],
  actions?: (object: KubeObject) => ReactNode,
): TableColumn<Row>[] {
  if (!actions) return columns;
  return [
    ...columns,
    {
      title: 'Actions',
      field: 'id',
      sorting: false,
      render: row => actions(row.object),
    },
  ];
}
