import {
  EmptyState,
  Link,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import type { ClusterSummary } from '@kubemate/plugin-kubemate-common';
import { useClusters } from '../../queries';

function relativeTime(iso?: string): string {
  if (!iso) return 'never';
  const seconds = Math.max(
    0,
    Math.round((Date.now() - Date.parse(iso)) / 1000),
  );
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)}h ago`;
  return `${Math.round(seconds / 86400)}d ago`;
}

const columns: TableColumn<ClusterSummary>[] = [
  {
    title: 'Status',
    field: 'reachable',
    width: '12%',
    render: c =>
      c.reachable ? (
        <StatusOK>Reachable</StatusOK>
      ) : (
        <StatusError>Unreachable</StatusError>
      ),
  },
  {
    title: 'Cluster',
    field: 'name',
    highlight: true,
    render: c => (c.title ? `${c.title} (${c.name})` : c.name),
  },
  { title: 'Source', field: 'source' },
  {
    title: 'API server',
    field: 'url',
    render: c => <Link to={c.url}>{c.url}</Link>,
  },
  {
    title: 'Version',
    field: 'version.gitVersion',
    render: c => c.version?.gitVersion ?? '—',
  },
  {
    title: 'Latency',
    field: 'latencyMs',
    render: c =>
      c.reachable && c.latencyMs !== undefined ? `${c.latencyMs} ms` : '—',
  },
  {
    title: 'Last seen',
    field: 'lastSeenAt',
    render: c => relativeTime(c.lastSeenAt),
  },
  { title: 'Problem', field: 'error', render: c => c.error ?? '' },
];

/** Every configured cluster with its live reachability. */
export function ClustersTable(props: { title?: string }) {
  const { data, error, isPending, isFetching, refetch } = useClusters();
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!isPending && data.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No Kubernetes clusters configured"
        description="Add clusters under kubernetes.clusterLocatorMethods (type: config) or kubemate.kubeconfig in app-config."
      />
    );
  }
  return (
    <Table<ClusterSummary>
      title={props.title ?? 'Kubernetes clusters'}
      isLoading={isPending || isFetching}
      columns={columns}
      data={data?.items ?? []}
      options={{ paging: false, search: false, padding: 'dense' }}
      actions={[
        {
          icon: () => <span aria-label="Refresh">⟳</span>,
          tooltip: 'Check clusters again',
          isFreeAction: true,
          onClick: () => refetch(),
        },
      ]}
    />
  );
}
