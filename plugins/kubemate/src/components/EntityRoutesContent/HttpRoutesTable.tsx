import { Table, type TableColumn } from '@backstage/core-components';
import type { HttpRouteSummary } from '@kubemate/plugin-kubemate-common';
import { Box, Button, Typography } from '@material-ui/core';
import { RouteConditions } from './RouteConditions';

type Row = HttpRouteSummary & { id: string };

const parentLabel = (p: HttpRouteSummary['parents'][number]) =>
  `${p.kind} ${p.namespace}/${p.name}${
    p.sectionName ? ` · ${p.sectionName}` : ''
  }${p.port ? ` :${p.port}` : ''}`;

const columns: TableColumn<Row>[] = [
  { title: 'Name', field: 'name', highlight: true },
  { title: 'Namespace', field: 'namespace' },
  {
    title: 'Parents and status',
    field: 'parents',
    render: r => (
      <>
        {r.parents.map(p => (
          <Box key={parentLabel(p)} mb={1}>
            <Typography variant="body2">{parentLabel(p)}</Typography>
            <RouteConditions
              conditions={p.conditions}
              generation={r.generation}
            />
          </Box>
        ))}
      </>
    ),
  },
  {
    title: 'Hostnames',
    field: 'hostnames',
    render: r => (r.hostnames.length ? r.hostnames.join(', ') : 'any'),
  },
  {
    title: 'Rules',
    field: 'rules',
    render: r => (
      <>
        {r.rules.map((rule, i) => (
          <Box key={i} mb={1}>
            <Typography variant="body2">{rule.matches.join(' or ')}</Typography>
            {rule.backends.map(b => (
              <Typography
                key={`${b.namespace}/${b.name}:${b.port}`}
                variant="body2"
                color="textSecondary"
              >
                → {b.name}
                {b.port ? `:${b.port}` : ''} · weight {b.weight} ({b.percent}%)
              </Typography>
            ))}
            {rule.filters.length > 0 && (
              <Typography variant="caption" color="textSecondary">
                filters: {rule.filters.join(', ')}
              </Typography>
            )}
          </Box>
        ))}
      </>
    ),
  },
];

/**
 * The HTTPRoutes of one cluster: parents with their status, hostnames, rules and backends; an
 * "Edit" action per route when `onEdit` is given (the user may update the entity's routes).
 */
export function HttpRoutesTable(props: {
  routes: HttpRouteSummary[];
  onEdit?: (route: HttpRouteSummary) => void;
}) {
  const { onEdit } = props;
  const withActions: TableColumn<Row>[] = onEdit
    ? [
        ...columns,
        {
          title: 'Actions',
          field: 'id',
          sorting: false,
          render: r => (
            <Button
              size="small"
              variant="outlined"
              aria-label={`Edit ${r.namespace}/${r.name}`}
              onClick={() => onEdit(r)}
            >
              Edit
            </Button>
          ),
        },
      ]
    : columns;
  return (
    <Table<Row>
      title="HTTPRoutes"
      columns={withActions}
      data={props.routes.map(r => ({ ...r, id: `${r.namespace}/${r.name}` }))}
      options={{ paging: false, padding: 'dense', search: false }}
      emptyContent={
        <Box p={2}>No HTTPRoute sends traffic to this entity's Services.</Box>
      }
    />
  );
}
