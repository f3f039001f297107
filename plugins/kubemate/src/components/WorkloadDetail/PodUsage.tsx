import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  parseQuantity,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useQuery } from '@tanstack/react-query';
import { kubemateApiRef } from '../../api';
import { kubemateKeys } from '../../queries';
import { formatBytes, formatCpu } from '../AdminConsole/format';

type Resources = {
  requests?: Record<string, unknown>;
  limits?: Record<string, unknown>;
};

interface UsageRow {
  id: string;
  name: string;
  cpu?: number;
  memory?: number;
  cpuRequest?: number;
  cpuLimit?: number;
  memoryRequest?: number;
  memoryLimit?: number;
}

/** `used (n % of request, m % of limit)`, as much as is known. */
function amount(
  used: number | undefined,
  request: number | undefined,
  limit: number | undefined,
  format: (n: number) => string,
): string {
  if (used === undefined) return '—';
  const shares = [
    request ? `${Math.round((used / request) * 100)} % of request` : '',
    limit ? `${Math.round((used / limit) * 100)} % of limit` : '',
  ].filter(Boolean);
  return `${format(used)}${shares.length ? ` (${shares.join(', ')})` : ''}`;
}

const columns: TableColumn<UsageRow>[] = [
  { title: 'Container', field: 'name', highlight: true },
  {
    title: 'CPU',
    sorting: false,
    render: r => amount(r.cpu, r.cpuRequest, r.cpuLimit, formatCpu),
  },
  {
    title: 'Memory',
    sorting: false,
    render: r => amount(r.memory, r.memoryRequest, r.memoryLimit, formatBytes),
  },
];

/**
 * The pod's current CPU and memory per container from metrics.k8s.io, against its requests and
 * limits; says so plainly when the cluster does not serve the metrics API. Refreshed every 30 s
 * (metrics-server's usual resolution).
 */
export function PodUsage(props: {
  entity: Entity;
  cluster: string;
  pod: KubeObject;
}) {
  const api = useApi(kubemateApiRef);
  const { pod } = props;
  const target = {
    cluster: props.cluster,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
  };
  const { data, error, isPending } = useQuery({
    queryKey: [
      ...kubemateKeys.all,
      'pod-metrics',
      stringifyEntityRef(props.entity),
      target,
    ],
    queryFn: () =>
      api.getPodMetrics(getCompoundEntityRef(props.entity), target),
    refetchInterval: 30_000,
  });
  if (isPending) {
    return <Typography color="textSecondary">Reading usage…</Typography>;
  }
  if (error) {
    return (
      <Alert severity="warning">Usage could not be read: {error.message}</Alert>
    );
  }
  if (data.status !== 'ok') {
    return (
      <Alert severity="info" aria-label="Resource usage">
        {data.status === 'not-served'
          ? 'Metrics not served: '
          : 'No usage sample yet: '}
        {data.message}
      </Alert>
    );
  }
  const specs = new Map(
    (
      (
        pod.spec as {
          containers?: Array<{ name: string; resources?: Resources }>;
        }
      )?.containers ?? []
    ).map(c => [c.name, c.resources ?? {}]),
  );
  const rows: UsageRow[] = data.containers.map(c => {
    const r = specs.get(c.name) ?? {};
    return {
      id: c.name,
      name: c.name,
      cpu: c.cpuCores,
      memory: c.memoryBytes,
      cpuRequest: parseQuantity(r.requests?.cpu),
      cpuLimit: parseQuantity(r.limits?.cpu),
      memoryRequest: parseQuantity(r.requests?.memory),
      memoryLimit: parseQuantity(r.limits?.memory),
    };
  });
  return (
    <Table<UsageRow>
      title="Resource usage"
      subtitle={
        data.timestamp
          ? `metrics.k8s.io sample of ${new Date(
              data.timestamp,
            ).toLocaleString()}${data.window ? ` over ${data.window}` : ''}`
          : 'metrics.k8s.io'
      }
      columns={columns}
      data={rows}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
