import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { useMemo, useState } from 'react';
import { kubemateApiRef } from '../../api';
import { useNamespaces } from '../../queries';
import { downloadBlob } from '../InspectionShared';
import { NamespacesTable } from '../NamespacesTable';
import { ClusterSelect, useSelectedCluster } from './ClustersTab';
import { NamespaceQuotas } from './NamespaceQuotas';

/**
 * Export of a namespace's manifests as a `.tar.gz` (server-set fields removed, Secret values
 * redacted unless the caller may read them all), downloaded by the browser.
 */
export function NamespaceExport(props: {
  cluster: string | undefined;
  setCluster(c: string): void;
}) {
  const api = useApi(kubemateApiRef);
  const { cluster, setCluster } = props;
  const namespaces = useNamespaces();
  const [namespace, setNamespace] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const names = useMemo(
    () =>
      (namespaces.data?.items ?? [])
        .filter(n => n.cluster === cluster)
        .map(n => n.name)
        .sort(),
    [namespaces.data, cluster],
  );
  const exportNow = async () => {
    if (!cluster || !namespace) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const { archive, fileName } = await api.exportAdminNamespace(
        cluster,
        namespace,
      );
      downloadBlob(archive, fileName);
      setDone(fileName);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }} mb={2}>
      <Typography variant="h6" component="h2">
        Export a namespace
      </Typography>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
      >
        <ClusterSelect
          value={cluster}
          onChange={c => {
            setCluster(c);
            setNamespace('');
          }}
        />
        <TextField
          select
          id="kubemate-admin-export-namespace"
          label="Namespace to export"
          value={names.includes(namespace) ? namespace : ''}
          onChange={e => setNamespace(e.target.value)}
          style={{ minWidth: 220 }}
        >
          {names.map(n => (
            <MenuItem key={n} value={n}>
              {n}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="outlined"
          disabled={!cluster || !namespace || busy}
          onClick={exportNow}
        >
          Export
        </Button>
      </Box>
      <Typography variant="body2" color="textSecondary">
        A .tar.gz of the namespace&apos;s manifests (one file per object,
        kind/name.yaml) without status and server-set fields, ready to apply to
        another namespace from the YAML tab. Secret values are emptied unless
        you may read all Secrets.
      </Typography>
      {done && (
        <Typography variant="body2" role="status">
          Downloaded {done}
        </Typography>
      )}
      {error && <ResponseErrorPanel error={error} />}
    </Box>
  );
}

/** The Namespaces tab of the admin console: export, then the namespaces table. */
export function NamespacesAdminTab() {
  const [cluster, setCluster] = useSelectedCluster();
  return (
    <>
      <NamespaceExport cluster={cluster} setCluster={setCluster} />
      <NamespacesTable />
      <Box mt={3} display="flex" flexDirection="column" style={{ gap: 8 }}>
        <Typography variant="h6">
          Quotas and limit ranges{cluster ? ` of ${cluster}` : ''}
        </Typography>
        {cluster && <NamespaceQuotas cluster={cluster} />}
      </Box>
    </>
  );
}
