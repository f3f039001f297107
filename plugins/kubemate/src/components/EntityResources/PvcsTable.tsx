import type { TableColumn } from '@backstage/core-components';
import type { ClusterWorkloads } from '@kubemate/plugin-kubemate-common';
import { useMemo } from 'react';
import { ObjectLinks, type OpenObject } from './ObjectLinks';
import { pvcRow, type PvcRow } from './pvcs';
import { ResourceTable } from './ResourceTable';

/** PersistentVolumeClaims with their binding and the pods mounting them. */
export function PvcsTable(props: {
  cluster: ClusterWorkloads;
  onOpen: OpenObject;
}) {
  const { persistentvolumeclaims, pods } = props.cluster.resources;
  const rows = useMemo(
    () => persistentvolumeclaims.map(c => pvcRow(c, pods)),
    [persistentvolumeclaims, pods],
  );
  const columns: TableColumn<PvcRow>[] = [
    { title: 'Name', field: 'name', highlight: true },
    { title: 'Namespace', field: 'namespace' },
    { title: 'Status', field: 'phase' },
    { title: 'Capacity', field: 'capacity' },
    { title: 'Access modes', field: 'accessModes' },
    { title: 'Storage class', field: 'storageClass' },
    { title: 'Volume', field: 'volume' },
    {
      title: 'Used by',
      sorting: false,
      render: r => (
        <ObjectLinks objects={r.users} onOpen={props.onOpen} none="no pod" />
      ),
    },
  ];
  return (
    <ResourceTable
      title={`Persistent volume claims (${rows.length})`}
      columns={columns}
      rows={rows}
      empty="No PersistentVolumeClaims"
    />
  );
}
