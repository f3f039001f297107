import type { Entity } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import type { ClusterWorkloads } from '@kubemate/plugin-kubemate-common';
import { useEntityRoutes } from '../../queries';
import { Box, Grid, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import { ObjectLinks, type OpenObject } from './ObjectLinks';
import { ResourceTable } from './ResourceTable';
import { formatSelector } from './selectors';
import {
  describeServiceRoute,
  routesOfService,
  type ServiceRoute,
} from './serviceRoutes';
import { serviceRow, type EndpointTarget, type ServiceRow } from './services';

type Row = ServiceRow & { routes?: ServiceRoute[] };

function endpointSummary(row: ServiceRow): string {
  if (!row.endpoints) return 'no Endpoints object';
  return `${row.endpoints.ready.length} ready, ${row.endpoints.notReady.length} not ready`;
}

const columns = (routesNote?: string): TableColumn<Row>[] => [
  { title: 'Name', field: 'name', highlight: true },
  { title: 'Namespace', field: 'namespace' },
  { title: 'Type', field: 'type' },
  { title: 'Cluster IP', field: 'clusterIP' },
  {
    title: 'Ports',
    field: 'ports',
    render: r =>
      r.ports.length ? r.ports.map(p => <div key={p}>{p}</div>) : '—',
  },
  {
    title: 'Selector',
    field: 'selector',
    render: r => formatSelector(r.selector),
  },
  { title: 'Endpoints', render: r => endpointSummary(r), sorting: false },
  { title: 'Pods', render: r => r.pods.length, sorting: false },
  {
    title: 'Routes',
    sorting: false,
    render: r => {
      if (!r.routes) return routesNote ?? '…';
      if (r.routes.length === 0) return '—';
      return r.routes.map(route => (
        <div key={`${route.kind}/${route.namespace}/${route.name}`}>
          {describeServiceRoute(route)}
        </div>
      ));
    },
  },
];

function Addresses(props: { title: string; targets: EndpointTarget[] }) {
  return (
    <Grid item xs={12} md={4}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.targets.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          none
        </Typography>
      ) : (
        props.targets.map(t => (
          <Typography variant="body2" key={t.ip}>
            {t.ip}
            {t.target ? ` (${t.target})` : ''}
          </Typography>
        ))
      )}
    </Grid>
  );
}

function ServiceDetail(props: { row: Row; onOpen: OpenObject }) {
  const { row } = props;
  return (
    <Grid container spacing={2}>
      <Addresses title="Ready endpoints" targets={row.endpoints?.ready ?? []} />
      <Addresses
        title="Not ready endpoints"
        targets={row.endpoints?.notReady ?? []}
      />
      <Grid item xs={12} md={4}>
        <Typography variant="subtitle2">Selected pods</Typography>
        <Box>
          <ObjectLinks
            objects={row.pods}
            onOpen={props.onOpen}
            none={
              Object.keys(row.selector).length
                ? 'no pod matches the selector'
                : 'no selector: endpoints are managed outside Kubernetes'
            }
          />
        </Box>
      </Grid>
    </Grid>
  );
}

/**
 * Services with their ports, selector, endpoint readiness, the pods they select and the routes
 * (HTTPRoutes, IngressRoutes of the entity, from the Routes tab's API) that point at them.
 */
export function ServicesTable(props: {
  entity: Entity;
  cluster: ClusterWorkloads;
  onOpen: OpenObject;
}) {
  const { services, endpoints, pods } = props.cluster.resources;
  const routes = useEntityRoutes(props.entity);
  const clusterRoutes = routes.data?.items.find(
    c => c.cluster === props.cluster.cluster,
  );
  const rows = useMemo<Row[]>(
    () =>
      services.map(s => {
        const row = serviceRow(s, { endpoints, pods });
        return {
          ...row,
          routes:
            clusterRoutes?.status === 'ok'
              ? routesOfService(clusterRoutes, row)
              : undefined,
        };
      }),
    [services, endpoints, pods, clusterRoutes],
  );
  let routesNote: string | undefined;
  if (routes.error) routesNote = 'routes not readable';
  else if (clusterRoutes?.status === 'error') routesNote = 'routes not read';
  else if (routes.data) routesNote = '—';
  return (
    <ResourceTable
      title={`Services (${rows.length})`}
      columns={columns(routesNote)}
      rows={rows}
      empty="No Services"
      detail={row => <ServiceDetail row={row} onOpen={props.onOpen} />}
    />
  );
}
