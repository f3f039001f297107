import type { TableColumn } from '@backstage/core-components';
import type {
  ClusterWorkloads,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { Box, Chip } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useMemo } from 'react';
import { age } from '../age';
import { secretKeys, type SecretKey } from './configMaps';
import { ResourceTable } from './ResourceTable';
import { SecretDetail } from './SecretDetail';
import { formatBytes } from './sizes';

interface SecretRow {
  id: string;
  name: string;
  namespace: string;
  type: string;
  keys: SecretKey[];
  createdAt?: string;
  object: KubeObject;
}

const columns: TableColumn<SecretRow>[] = [
  { title: 'Name', field: 'name', highlight: true },
  { title: 'Namespace', field: 'namespace' },
  { title: 'Type', field: 'type' },
  {
    title: 'Keys',
    render: r =>
      r.keys.length === 0
        ? '—'
        : r.keys.map(k => (
            <Chip
              key={k.key}
              size="small"
              variant="outlined"
              style={{ margin: 2 }}
              label={
                k.bytes === undefined
                  ? k.key
                  : `${k.key} · ${formatBytes(k.bytes)}`
              }
            />
          )),
    customFilterAndSearch: (term, r) =>
      r.keys.some(k => k.key.toLowerCase().includes(term.toLowerCase())),
  },
  { title: 'Age', field: 'createdAt', render: r => age(r.createdAt) },
];

/**
 * Secrets by key, type and size; values are never in the page's data. A row opens the
 * Secret's keys, where one value at a time can be revealed (audited), and its editor.
 */
export function SecretsTable(props: {
  cluster: ClusterWorkloads;
  valuesHidden: boolean;
}) {
  const { secrets } = props.cluster.resources;
  const rows = useMemo(
    () =>
      secrets.map(s => ({
        id: s.metadata.uid ?? `${s.metadata.namespace}/${s.metadata.name}`,
        name: s.metadata.name,
        namespace: s.metadata.namespace ?? '',
        type: (s as { type?: string }).type ?? 'Opaque',
        keys: secretKeys(s, props.valuesHidden),
        createdAt: s.metadata.creationTimestamp,
        object: s,
      })),
    [secrets, props.valuesHidden],
  );
  return (
    <>
      {props.valuesHidden && rows.length > 0 && (
        <Box mb={1}>
          <Alert severity="info">
            Secret values are hidden: only keys, types and sizes are shown. Open
            a Secret to reveal one key's value at a time (with
            kubemate.workload.secret.read; each reveal is recorded in the audit
            log).
          </Alert>
        </Box>
      )}
      <ResourceTable
        title={`Secrets (${rows.length})`}
        columns={columns}
        rows={rows}
        empty="No Secrets"
        detail={row => (
          <SecretDetail secret={row.object} cluster={props.cluster.cluster} />
        )}
      />
    </>
  );
}
