import type { ReactNode } from 'react';
import { Table, type TableColumn } from '@backstage/core-components';
import { podRestarts, type KubeObject } from '@kubemate/plugin-kubemate-common';
import { age } from '../age';
import { withActionsColumn } from './actionsColumn';

interface Row {
  id: string;
  name: string;
  namespace: string;
  phase: string;
  ready: string;
  restarts: number;
  node: string;
  createdAt?: string;
  object: KubeObject;
}

type PodStatus = {
  phase?: string;
  containerStatuses?: Array<{
    ready?: boolean;
    state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
  }>;
};

/** A pod's status as kubectl shows it: a waiting/terminated reason wins over the phase. */
function podPhase(status: PodStatus): string {
  for (const c of status.containerStatuses ?? []) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason) return reason;
  }
  return status.phase ?? 'Unknown';
}

const baseColumns: TableColumn<Row>[] = [
  { title: 'Name', field: 'name', highlight: true },
  { title: 'Namespace', field: 'namespace' },
  { title: 'Status', field: 'phase' },
  { title: 'Ready', field: 'ready' },
  { title: 'Restarts', field: 'restarts' },
  { title: 'Node', field: 'node' },
  { title: 'Age', field: 'createdAt', render: r => age(r.createdAt) },
];

export function PodsTable(props: {
  pods: KubeObject[];
  /** Controls of one pod; rendered in an Actions column when given. */
  actions?: (pod: KubeObject) => ReactNode;
}) {
  const rows: Row[] = props.pods.map(p => {
    const status = (p.status ?? {}) as PodStatus;
    const containers = status.containerStatuses ?? [];
    return {
      id: `${p.metadata.namespace}/${p.metadata.name}`,
      name: p.metadata.name,
      namespace: p.metadata.namespace ?? '',
      phase: podPhase(status),
      ready: `${containers.filter(c => c.ready).length}/${containers.length}`,
      restarts: podRestarts([p]),
      node: (p.spec as { nodeName?: string } | undefined)?.nodeName ?? '—',
      createdAt: p.metadata.creationTimestamp,
      object: p,
    };
  });
  return (
    <Table<Row>
      title={`Pods (${rows.length})`}
      columns={withActionsColumn(baseColumns, props.actions)}
      data={rows}
      options={{
        pageSize: 20,
        padding: 'dense',
        search: true,
        emptyRowsWhenPaging: false,
      }}
    />
  );
}
