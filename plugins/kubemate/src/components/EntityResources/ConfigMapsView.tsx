import type { TableColumn } from '@backstage/core-components';
import {
  kubemateWorkloadAuditReadPermission,
  kubemateWorkloadConfigMapUpdatePermission,
  type ClusterWorkloads,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Button,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Paper,
  Typography,
} from '@material-ui/core';
import { useMemo, useState } from 'react';
import { age } from '../age';
import { ConfigDataHistory } from './ConfigDataHistory';
import { configMapKeys, type DataKey } from './configMaps';
import { DataKeysEditor } from './DataKeysEditor';
import { useEntityPermission } from './useEntityPermission';
import { ResourceTable } from './ResourceTable';
import { formatBytes } from './sizes';

interface ConfigMapRow {
  id: string;
  name: string;
  namespace: string;
  keys: DataKey[];
  bytes: number;
  createdAt?: string;
  object: KubeObject;
}

const columns: TableColumn<ConfigMapRow>[] = [
  { title: 'Name', field: 'name', highlight: true },
  { title: 'Namespace', field: 'namespace' },
  {
    title: 'Keys',
    render: r => r.keys.map(k => k.key).join(', ') || '—',
    customFilterAndSearch: (term, r) =>
      r.keys.some(k => k.key.toLowerCase().includes(term.toLowerCase())),
  },
  { title: 'Size', field: 'bytes', render: r => formatBytes(r.bytes) },
  { title: 'Age', field: 'createdAt', render: r => age(r.createdAt) },
];

const useStyles = makeStyles(theme => ({
  keys: { width: 280, flexShrink: 0, maxHeight: '60vh', overflow: 'auto' },
  value: {
    flexGrow: 1,
    minWidth: 0,
    margin: 0,
    padding: theme.spacing(1.5),
    maxHeight: '60vh',
    minHeight: 240,
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: 13,
    whiteSpace: 'pre',
    backgroundColor: theme.palette.background.default,
  },
}));

/**
 * A ConfigMap: its keys beside the selected key's value; with
 * `kubemate.workload.configmap.update`, an editor (add, rename, remove keys, long values in a
 * code editor, a diff before saving); with `kubemate.workload.audit.read`, its history with
 * restore of an earlier version.
 */
export function ConfigMapDetail(props: {
  configMap: KubeObject;
  cluster: string;
}) {
  const canEdit = useEntityPermission(
    kubemateWorkloadConfigMapUpdatePermission,
  );
  const canReadHistory = useEntityPermission(
    kubemateWorkloadAuditReadPermission,
  );
  const [mode, setMode] = useState<'view' | 'edit' | 'history'>('view');
  const name = props.configMap.metadata.name;
  return (
    <Box>
      {(canEdit || canReadHistory) && (
        <Box mb={1} display="flex" style={{ gap: 8 }}>
          {canEdit && mode !== 'edit' && (
            <Button
              variant="outlined"
              size="small"
              onClick={() => setMode('edit')}
              aria-label={`Edit ${name}`}
            >
              Edit
            </Button>
          )}
          {canReadHistory && mode !== 'history' && (
            <Button
              size="small"
              onClick={() => setMode('history')}
              aria-label={`History of changes of ${name}`}
            >
              History
            </Button>
          )}
          {mode === 'history' && (
            <Button size="small" onClick={() => setMode('view')}>
              Back to the keys
            </Button>
          )}
        </Box>
      )}
      {mode === 'view' && <ConfigMapKeys configMap={props.configMap} />}
      {mode === 'edit' && (
        <DataKeysEditor
          kind="ConfigMap"
          cluster={props.cluster}
          object={props.configMap}
          onDone={() => setMode('view')}
        />
      )}
      {mode === 'history' && (
        <ConfigDataHistory
          kind="ConfigMap"
          cluster={props.cluster}
          object={props.configMap}
          canRestore={canEdit}
          onRestored={() => setMode('view')}
        />
      )}
    </Box>
  );
}

/** A ConfigMap's keys beside the selected key's value. */
function ConfigMapKeys(props: { configMap: KubeObject }) {
  const classes = useStyles();
  const keys = configMapKeys(props.configMap);
  const [selected, setSelected] = useState<string>();
  if (keys.length === 0) {
    return (
      <Typography color="textSecondary">This ConfigMap has no keys.</Typography>
    );
  }
  const current = keys.find(k => k.key === selected) ?? keys[0];
  const name = props.configMap.metadata.name;
  return (
    <Box display="flex" style={{ gap: 16 }}>
      <Paper variant="outlined" className={classes.keys}>
        <List dense aria-label={`Keys of ${name}`}>
          {keys.map(k => (
            <ListItem
              key={k.key}
              button
              selected={k.key === current.key}
              aria-current={k.key === current.key ? 'true' : undefined}
              onClick={() => setSelected(k.key)}
            >
              <ListItemText
                primary={k.key}
                secondary={`${formatBytes(k.bytes)}${
                  k.binary ? ' · binary' : ''
                }`}
              />
            </ListItem>
          ))}
        </List>
      </Paper>
      {current.binary ? (
        <Box flexGrow={1} p={2}>
          <Typography color="textSecondary">
            {current.key} is binary data ({formatBytes(current.bytes)}); it is
            not shown as text.
          </Typography>
        </Box>
      ) : (
        <pre
          className={classes.value}
          // A scrollable region must be focusable to scroll a long value with the keyboard.
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          role="region"
          aria-label={`Value of ${current.key}`}
        >
          {current.value}
        </pre>
      )}
    </Box>
  );
}

/** ConfigMaps with their keys and sizes; a row opens its key list and values. */
export function ConfigMapsView(props: { cluster: ClusterWorkloads }) {
  const { configmaps } = props.cluster.resources;
  const rows = useMemo(
    () =>
      configmaps.map(c => {
        const keys = configMapKeys(c);
        return {
          id: c.metadata.uid ?? `${c.metadata.namespace}/${c.metadata.name}`,
          name: c.metadata.name,
          namespace: c.metadata.namespace ?? '',
          keys,
          bytes: keys.reduce((sum, k) => sum + k.bytes, 0),
          createdAt: c.metadata.creationTimestamp,
          object: c,
        };
      }),
    [configmaps],
  );
  return (
    <ResourceTable
      title={`ConfigMaps (${rows.length})`}
      columns={columns}
      rows={rows}
      empty="No ConfigMaps"
      detail={row => (
        <ConfigMapDetail
          configMap={row.object}
          cluster={props.cluster.cluster}
        />
      )}
    />
  );
}
