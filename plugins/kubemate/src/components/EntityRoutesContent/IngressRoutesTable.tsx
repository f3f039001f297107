import { stringifyEntityRef } from '@backstage/catalog-model';
import { Table, type TableColumn } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  kubemateRouteCreatePermission,
  type ClusterRoutes,
  type IngressRouteSummary,
} from '@kubemate/plugin-kubemate-common';
import { Box, Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import { RouteYamlDialog } from '../RouteYaml';
import { MigrateIngressRouteDialog } from '../RouteMigration';
import { migratableApiVersion } from '../RouteMigration/migrationFormat';

type Row = IngressRouteSummary & { id: string };

const columns: TableColumn<Row>[] = [
  { title: 'Name', field: 'name', highlight: true },
  { title: 'Namespace', field: 'namespace' },
  { title: 'API', field: 'apiVersion' },
  {
    title: 'Entry points',
    field: 'entryPoints',
    render: r => r.entryPoints.join(', ') || 'all',
  },
  {
    title: 'Routes',
    field: 'routes',
    render: r => (
      <>
        {r.routes.map((route, i) => (
          <Box key={i} mb={1}>
            <Typography variant="body2">
              <code>{route.match}</code>
            </Typography>
            <Typography variant="body2" color="textSecondary">
              →{' '}
              {route.services
                .map(
                  s =>
                    `${s.name}${s.port !== undefined ? `:${s.port}` : ''}${
                      s.weight !== undefined ? ` (weight ${s.weight})` : ''
                    }`,
                )
                .join(', ')}
              {route.middlewares.length > 0 &&
                ` · middlewares ${route.middlewares.join(', ')}`}
            </Typography>
          </Box>
        ))}
      </>
    ),
  },
  {
    title: 'TLS secret',
    field: 'tlsSecretName',
    render: r => r.tlsSecretName ?? '—',
  },
];

function RoutesTable(props: {
  routes: IngressRouteSummary[];
  onMigrate?(route: IngressRouteSummary): void;
  onYaml?(route: IngressRouteSummary): void;
}) {
  const { onMigrate, onYaml } = props;
  const all: TableColumn<Row>[] =
    onMigrate || onYaml
      ? [
          ...columns,
          {
            title: 'Actions',
            field: 'id',
            sorting: false,
            render: r => (
              <Box display="flex" style={{ gap: 8 }}>
                {onYaml && (
                  <Button
                    size="small"
                    variant="outlined"
                    aria-label={`YAML of ${r.namespace}/${r.name}`}
                    onClick={() => onYaml(r)}
                  >
                    YAML
                  </Button>
                )}
                {onMigrate && migratableApiVersion(r.apiVersion) && (
                  <Button
                    size="small"
                    variant="outlined"
                    aria-label={`Migrate ${r.namespace}/${r.name} to HTTPRoute`}
                    onClick={() => onMigrate(r)}
                  >
                    Migrate to HTTPRoute
                  </Button>
                )}
              </Box>
            ),
          },
        ]
      : columns;
  return (
    <Table<Row>
      title="Traefik IngressRoutes (legacy)"
      columns={all}
      data={props.routes.map(r => ({ ...r, id: `${r.namespace}/${r.name}` }))}
      options={{ paging: false, padding: 'dense', search: false }}
    />
  );
}

/** The table with a migrate button per row, for people who may create the entity's routes. */
function MigratableRoutesTable(props: {
  routes: IngressRouteSummary[];
  cluster: ClusterRoutes;
}) {
  const { entity } = useEntity();
  const create = usePermission({
    permission: kubemateRouteCreatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [migrating, setMigrating] = useState<IngressRouteSummary>();
  const [yamlOf, setYamlOf] = useState<IngressRouteSummary>();
  return (
    <>
      {/* The dialog outlives the table: deleting the last IngressRoute empties it. */}
      {props.routes.length > 0 && (
        <RoutesTable
          routes={props.routes}
          onMigrate={create.allowed ? setMigrating : undefined}
          onYaml={setYamlOf}
        />
      )}
      {yamlOf && (
        <RouteYamlDialog
          target={{
            cluster: props.cluster.cluster,
            namespace: yamlOf.namespace,
            kind: 'IngressRoute',
            name: yamlOf.name,
          }}
          onClose={() => setYamlOf(undefined)}
        />
      )}
      {migrating && (
        <MigrateIngressRouteDialog
          cluster={props.cluster}
          ingressRoute={migrating}
          open
          onClose={() => setMigrating(undefined)}
        />
      )}
    </>
  );
}

/**
 * Legacy Traefik IngressRoutes of one cluster (nothing when there are none). Given the cluster's
 * routes, people who may create routes on the entity can migrate each to HTTPRoutes.
 */
export function IngressRoutesTable(props: {
  routes: IngressRouteSummary[];
  cluster?: ClusterRoutes;
}) {
  // Without a cluster nothing is offered, so no permission or entity is needed.
  if (!props.cluster) {
    return props.routes.length ? <RoutesTable routes={props.routes} /> : null;
  }
  return (
    <MigratableRoutesTable routes={props.routes} cluster={props.cluster} />
  );
}
