import { Table, type TableColumn } from '@backstage/core-components';
import type { IngressRouteSummary } from '@kubemate/plugin-kubemate-common';
import { Box, Typography } from '@material-ui/core';

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

/** Legacy Traefik IngressRoutes of one cluster. */
export function IngressRoutesTable(props: { routes: IngressRouteSummary[] }) {
  return (
    <Table<Row>
      title="Traefik IngressRoutes (legacy)"
      columns={columns}
      data={props.routes.map(r => ({ ...r, id: `${r.namespace}/${r.name}` }))}
      options={{ paging: false, padding: 'dense', search: false }}
    />
  );
}
