import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type {
  CrdSummary,
  CustomResourceEditResult,
  CustomResourceSummary,
} from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Button,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyTableRow } from '../Paging';
import { UnifiedDiff } from '../UnifiedDiff';
import { useAdminClient } from './adminClient';
import { ClusterSelect, useSelectedCluster } from './ClustersTab';

const KEY = ['kubemate', 'admin', 'crds'] as const;

/** The YAML of one custom resource: edit, preview the dry-run diff, apply. */
function CustomResourceEditor(props: {
  cluster: string;
  crd: CrdSummary;
  item: CustomResourceSummary;
}) {
  const { cluster, crd, item } = props;
  const client = useAdminClient();
  const queryClient = useQueryClient();
  const target = { name: item.name, namespace: item.namespace };
  const current = useQuery({
    queryKey: [...KEY, cluster, crd.name, 'yaml', item.namespace, item.name],
    queryFn: () => client.customResourceYaml(cluster, crd.name, target),
  });
  const [text, setText] = useState<string>();
  const [result, setResult] = useState<CustomResourceEditResult>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  if (current.isPending) return <Progress />;
  if (current.error) return <ResponseErrorPanel error={current.error} />;
  const yaml = text ?? current.data.yaml;
  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await client.editCustomResource(
        cluster,
        crd.name,
        { ...target, yaml },
        dryRun,
      );
      setResult(answer);
      if (!dryRun) {
        // Keep the text; the next edit starts from the stored object.
        setText(undefined);
        await queryClient.invalidateQueries({ queryKey: [...KEY, cluster] });
      }
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const title = `${crd.kind} ${item.namespace ? `${item.namespace}/` : ''}${
    item.name
  }`;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      <Typography variant="subtitle1">{title}</Typography>
      <TextField
        id="kubemate-admin-cr-yaml"
        label={`YAML of ${title}`}
        multiline
        minRows={14}
        variant="outlined"
        value={yaml}
        onChange={e => {
          setText(e.target.value);
          setResult(undefined);
        }}
        helperText="Keep metadata.resourceVersion: a change made meanwhile is refused (409) rather than overwritten. Unknown fields are refused by the API server (strict field validation)."
        inputProps={{ style: { fontFamily: 'monospace', fontSize: 13 } }}
      />
      <Box display="flex" style={{ gap: 8 }}>
        <Button variant="outlined" disabled={busy} onClick={() => run(true)}>
          Preview changes
        </Button>
        <Button
          variant="contained"
          color="primary"
          disabled={busy || !result?.dryRun}
          onClick={() => run(false)}
        >
          Apply changes
        </Button>
      </Box>
      {error && <ResponseErrorPanel error={error} />}
      {result && (
        <Box>
          <Typography variant="body2">
            {result.dryRun ? 'Dry run' : 'Applied'}:{' '}
            {result.diff ? 'changes below' : 'no changes'}
            {result.dryRun
              ? ''
              : ` (resourceVersion ${result.resourceVersion})`}
          </Typography>
          {result.diff && (
            <UnifiedDiff diff={result.diff} label={`Diff of ${title}`} />
          )}
        </Box>
      )}
    </Box>
  );
}

/** The custom resources of one CRD, of one namespace or all. */
function CustomResourceList(props: { cluster: string; crd: CrdSummary }) {
  const { cluster, crd } = props;
  const client = useAdminClient();
  const [namespace, setNamespace] = useState('');
  const [open, setOpen] = useState<CustomResourceSummary>();
  const list = useQuery({
    queryKey: [...KEY, cluster, crd.name, 'list', namespace],
    queryFn: () =>
      client.customResources(cluster, crd.name, namespace || undefined),
  });
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      <Typography variant="h6">{crd.kind} objects</Typography>
      {crd.scope === 'Namespaced' && (
        <TextField
          id="kubemate-admin-cr-namespace"
          label="Namespace (empty: all)"
          value={namespace}
          onChange={e => {
            setNamespace(e.target.value.trim());
            setOpen(undefined);
          }}
          style={{ maxWidth: 260 }}
        />
      )}
      {list.isPending && <Progress />}
      {list.error && <ResponseErrorPanel error={list.error} />}
      {list.data && (
        <Table size="small" aria-label={`${crd.kind} objects`}>
          <TableHead>
            <TableRow>
              {crd.scope === 'Namespaced' && <TableCell>Namespace</TableCell>}
              <TableCell>Name</TableCell>
              <TableCell>Created</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.data.items.length === 0 && (
              <EmptyTableRow colSpan={3}>No objects</EmptyTableRow>
            )}
            {list.data.items.map(i => (
              <TableRow
                key={`${i.namespace ?? ''}/${i.name}`}
                selected={
                  open?.name === i.name && open?.namespace === i.namespace
                }
              >
                {crd.scope === 'Namespaced' && (
                  <TableCell>{i.namespace}</TableCell>
                )}
                <TableCell>
                  <Link
                    component="button"
                    variant="body2"
                    aria-label={`Edit ${crd.kind} ${
                      i.namespace ? `${i.namespace}/` : ''
                    }${i.name}`}
                    onClick={() => setOpen(i)}
                  >
                    {i.name}
                  </Link>
                </TableCell>
                <TableCell>
                  {i.creationTimestamp
                    ? new Date(i.creationTimestamp).toLocaleString()
                    : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {open && (
        <CustomResourceEditor
          key={`${open.namespace}/${open.name}`}
          cluster={cluster}
          crd={crd}
          item={open}
        />
      )}
    </Box>
  );
}

/** Custom resources tab: the CRDs of a cluster, their objects, and a YAML edit of one. */
export function CustomResourcesTab() {
  const client = useAdminClient();
  const [cluster, setCluster] = useSelectedCluster();
  const [open, setOpen] = useState<CrdSummary>();
  const crds = useQuery({
    queryKey: [...KEY, cluster, 'list'],
    queryFn: () => client.crds(cluster!),
    enabled: Boolean(cluster),
  });
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <ClusterSelect
        value={cluster}
        onChange={c => {
          setCluster(c);
          setOpen(undefined);
        }}
      />
      {crds.isPending && cluster && <Progress />}
      {crds.error && <ResponseErrorPanel error={crds.error} />}
      {crds.data && (
        <Table
          size="small"
          aria-label={`Custom resource definitions of ${cluster}`}
        >
          <TableHead>
            <TableRow>
              <TableCell>Kind</TableCell>
              <TableCell>Group</TableCell>
              <TableCell>Versions</TableCell>
              <TableCell>Scope</TableCell>
              <TableCell>Objects</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {crds.data.items.length === 0 && (
              <EmptyTableRow colSpan={5}>No CRDs</EmptyTableRow>
            )}
            {crds.data.items.map(c => (
              <TableRow key={c.name} selected={open?.name === c.name}>
                <TableCell>
                  <Link
                    component="button"
                    variant="body2"
                    onClick={() => setOpen(c)}
                  >
                    {c.kind}
                  </Link>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    {c.name}
                  </Typography>
                </TableCell>
                <TableCell>{c.group}</TableCell>
                <TableCell>
                  {c.versions
                    .map(
                      v =>
                        `${v.name}${v.storage ? ' (storage)' : ''}${
                          v.served ? '' : ' (not served)'
                        }`,
                    )
                    .join(', ')}
                </TableCell>
                <TableCell>{c.scope}</TableCell>
                <TableCell>
                  {c.count ?? (
                    <Typography variant="body2" color="error">
                      {c.countError ?? '?'}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {cluster && open && (
        <CustomResourceList key={open.name} cluster={cluster} crd={open} />
      )}
    </Box>
  );
}
