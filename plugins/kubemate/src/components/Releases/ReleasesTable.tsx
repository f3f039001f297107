import { Link, Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Release } from '@kubemate/plugin-kubemate-common';
import { Typography } from '@material-ui/core';
import { age } from '../age';
import { describePlan, releasePath } from './format';
import { ReleaseStateChip } from './ReleaseStateChip';

/**
 * Releases with their state, strategy, versions, split and step; each links to its page. The
 * fleet page adds the entity column. Rows keep the order given (the backend's).
 */
export function ReleasesTable(props: {
  releases: Release[];
  title: string;
  showEntity?: boolean;
}) {
  const columns: TableColumn<Release>[] = [
    {
      title: 'State',
      render: r => <ReleaseStateChip state={r.state} />,
    },
    ...(props.showEntity
      ? [
          {
            title: 'Entity',
            render: (r: Release) => <EntityRefLink entityRef={r.entityRef} />,
          },
        ]
      : []),
    {
      title: 'Release',
      render: r => (
        <Link to={releasePath(r.id)}>
          {r.namespace}/{r.service}: {r.stable} → {r.canary}
        </Link>
      ),
    },
    {
      title: 'Strategy',
      render: r => (
        <>
          <Typography variant="body2">{r.strategy}</Typography>
          <Typography variant="caption" color="textSecondary">
            {describePlan(r.plan)}
          </Typography>
        </>
      ),
    },
    { title: 'Canary weight', render: r => `${r.weight}%` },
    { title: 'Step', render: r => r.step },
    { title: 'Cluster', field: 'cluster' },
    {
      title: 'Updated',
      render: r => (
        <span title={new Date(r.updatedAt).toLocaleString()}>
          {age(r.updatedAt)} ago
        </span>
      ),
    },
  ];
  return (
    <Table<Release>
      title={props.title}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        sorting: false,
      }}
      columns={columns}
      data={props.releases}
      emptyContent={
        <Typography color="textSecondary" style={{ padding: 16 }}>
          No releases yet.
        </Typography>
      }
    />
  );
}
