import { Table, type TableColumn } from '@backstage/core-components';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { Typography } from '@material-ui/core';
import { age } from '../age';
import { containerRows, type ContainerRow } from './containers';

type Row = ContainerRow & { id: string };

const when = (iso?: string) =>
  iso ? `${new Date(iso).toLocaleString()} (${age(iso)} ago)` : '';

const columns: TableColumn<Row>[] = [
  {
    title: 'Container',
    field: 'name',
    highlight: true,
    render: r => (r.init ? `${r.name} (init)` : r.name),
  },
  { title: 'Image', field: 'image' },
  {
    title: 'State',
    field: 'state',
    render: r => (
      <>
        {r.state}
        {r.state === 'Running' && r.since && (
          <Typography variant="body2" color="textSecondary">
            since {when(r.since)}
          </Typography>
        )}
        {r.stateDetail && (
          <Typography
            variant="body2"
            color={r.state === 'Waiting' ? 'error' : 'textSecondary'}
          >
            {r.stateDetail}
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Ready', field: 'ready', render: r => (r.ready ? 'Yes' : 'No') },
  { title: 'Restarts', field: 'restarts' },
  {
    title: 'Last termination',
    sorting: false,
    render: r =>
      r.lastTermination ? (
        <>
          {r.lastTermination.reason}
          {r.lastTermination.exitCode !== undefined &&
            ` (exit code ${r.lastTermination.exitCode})`}
          {r.lastTermination.at && (
            <Typography variant="body2" color="textSecondary">
              {when(r.lastTermination.at)}
            </Typography>
          )}
        </>
      ) : (
        '—'
      ),
  },
  { title: 'Requests', field: 'requests' },
  { title: 'Limits', field: 'limits' },
];

/** A pod's init containers and containers: image, state, readiness, restarts, resources. */
export function PodContainers(props: { pod: KubeObject }) {
  const rows = containerRows(props.pod).map(r => ({
    ...r,
    id: `${r.init ? 'init:' : ''}${r.name}`,
  }));
  return (
    <Table<Row>
      title={`Containers (${rows.length})`}
      columns={columns}
      data={rows}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={
        <Typography color="textSecondary" style={{ padding: 16 }}>
          No containers
        </Typography>
      }
    />
  );
}
