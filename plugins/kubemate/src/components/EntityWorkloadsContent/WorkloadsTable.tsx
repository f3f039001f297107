import type { ReactNode } from 'react';
import { Table, type TableColumn } from '@backstage/core-components';
import { Link } from '@material-ui/core';
import {
  podRestarts,
  podsOfWorkload,
  summarizeWorkload,
  type ClusterWorkloads,
  type KubeObject,
  type WorkloadSummary,
} from '@kubemate/plugin-kubemate-common';
import { age } from '../age';
import { withActionsColumn } from './actionsColumn';
import { HealthStatus } from './HealthStatus';

type Row = WorkloadSummary & {
  id: string;
  restarts: number;
  pods: number;
  object: KubeObject;
};

/** Short labels stay on one line; long image references are the column that wraps. */
const oneLine = { whiteSpace: 'nowrap' } as const;

/** `registry/path/name:tag` shown as `name:tag`, the full reference on hover. */
function Images(props: { images: string[] }) {
  return (
    <>
      {props.images.map(image => (
        <div key={image} title={image}>
          {image.slice(image.lastIndexOf('/') + 1)}
        </div>
      ))}
    </>
  );
}

const baseColumns: TableColumn<Row>[] = [
  {
    title: 'Status',
    field: 'health',
    cellStyle: oneLine,
    render: r => <HealthStatus health={r.health} />,
  },
  { title: 'Kind', field: 'kind', cellStyle: oneLine },
  { title: 'Name', field: 'name', highlight: true, cellStyle: oneLine },
  { title: 'Namespace', field: 'namespace' },
  {
    title: 'Ready',
    field: 'ready',
    render: r => (r.kind === 'CronJob' ? '—' : `${r.ready}/${r.desired}`),
  },
  {
    title: 'Up-to-date',
    field: 'updated',
    render: r => (r.kind === 'CronJob' ? '—' : r.updated),
  },
  { title: 'Restarts', field: 'restarts' },
  { title: 'Age', field: 'createdAt', render: r => age(r.createdAt) },
  {
    title: 'Images',
    field: 'images',
    render: r => <Images images={r.images} />,
  },
];

/** The controllers of one cluster (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs). */
export function WorkloadsTable(props: {
  cluster: ClusterWorkloads;
  /** Controls of one workload; rendered in an Actions column when given. */
  actions?: (object: KubeObject) => ReactNode;
  /** Opens a workload's details; its name becomes a button when given. */
  onOpen?: (object: KubeObject) => void;
}) {
  const { onOpen } = props;
  const columns = onOpen
    ? baseColumns.map(c =>
        c.field === 'name'
          ? {
              ...c,
              render: (row: Row) => (
                <Link
                  component="button"
                  variant="body2"
                  onClick={() => onOpen(row.object)}
                >
                  {row.name}
                </Link>
              ),
            }
          : c,
      )
    : baseColumns;
  const r = props.cluster.resources;
  const workloads = [
    ...r.deployments,
    ...r.statefulsets,
    ...r.daemonsets,
    ...r.cronjobs,
    ...r.jobs,
  ]
    // Jobs a CronJob created are shown through their CronJob.
    .filter(
      o =>
        !(
          o.kind === 'Job' &&
          o.metadata.ownerReferences?.some(ref => ref.kind === 'CronJob')
        ),
    );
  const rows: Row[] = workloads.map(w => {
    const pods = podsOfWorkload(w, r);
    return {
      ...summarizeWorkload(w),
      id: `${w.kind}/${w.metadata.namespace}/${w.metadata.name}`,
      restarts: podRestarts(pods),
      pods: pods.length,
      object: w,
    };
  });
  return (
    <Table<Row>
      title="Workloads"
      columns={withActionsColumn(columns, props.actions)}
      data={rows}
      options={{ paging: false, padding: 'dense', search: rows.length > 10 }}
      emptyContent={
        <div style={{ padding: 16 }}>
          No workloads for this entity in this cluster.
        </div>
      }
    />
  );
}
