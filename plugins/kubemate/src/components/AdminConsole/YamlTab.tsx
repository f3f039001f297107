import { ResponseErrorPanel } from '@backstage/core-components';
import {
  MAX_ADMIN_ARCHIVE_BYTES,
  MAX_ADMIN_YAML_BYTES,
  type AdminYamlReport,
  type AdminYamlRequest,
} from '@kubemate/plugin-kubemate-common';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { kubemateApiRef } from '../../api';
import type { AdminArchiveFormat } from '../../api/KubemateApi';
import { kubemateKeys, useNamespaces } from '../../queries';
import { UnifiedDiff } from '../UnifiedDiff';
import { ClusterSelect, useSelectedCluster } from './ClustersTab';
import { ManifestFindings } from '../ManifestFindings';

const ACTION_TEXT = {
  created: 'created',
  changed: 'changed',
  unchanged: 'unchanged',
  failed: 'failed',
} as const;

/** The per-object report of a dry run or an apply. */
export function YamlReport(props: { report: AdminYamlReport }) {
  const { report } = props;
  const hasPaths = report.objects.some(o => o.path !== undefined);
  const counts = report.objects.reduce<Record<string, number>>((c, o) => {
    c[o.action] = (c[o.action] ?? 0) + 1;
    return c;
  }, {});
  return (
    <Box>
      <Typography variant="subtitle1">
        {report.dryRun ? 'Dry run' : 'Applied'} in {report.cluster}/
        {report.namespace}:{' '}
        {Object.entries(counts)
          .map(([action, n]) => `${n} ${action}`)
          .join(', ') || 'no objects'}
      </Typography>
      {report.dryRun && (
        <ManifestFindings
          findings={report.findings}
          inspectionError={report.inspectionError}
        />
      )}
      <Table
        size="small"
        aria-label={report.dryRun ? 'Dry run report' : 'Apply report'}
      >
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            {hasPaths && <TableCell>File</TableCell>}
            <TableCell>Object</TableCell>
            <TableCell>Result</TableCell>
            <TableCell>Details</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.objects.map(o => (
            <TableRow key={`${o.path ?? ''}#${o.index}`}>
              <TableCell>{o.index + 1}</TableCell>
              {hasPaths && <TableCell>{o.path}</TableCell>}
              <TableCell>
                {o.kind ?? '?'} {o.namespace ? `${o.namespace}/` : ''}
                {o.name ?? '?'}
              </TableCell>
              <TableCell>{ACTION_TEXT[o.action]}</TableCell>
              <TableCell>
                {o.error && (
                  <Typography variant="body2" color="error">
                    {o.error}
                  </Typography>
                )}
                {o.diff && (
                  <UnifiedDiff
                    diff={o.diff}
                    label={`Diff of ${o.kind} ${o.name}`}
                  />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {report.ignored && report.ignored.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Not read (not .yaml, .yml or .json): {report.ignored.join(', ')}
        </Typography>
      )}
    </Box>
  );
}

/** The format of an archive file by its name; undefined for other files. */
export function archiveFormatOf(
  fileName: string,
): AdminArchiveFormat | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith('.zip')) return 'zip';
  if (name.endsWith('.tar.gz') || name.endsWith('.tgz')) return 'tar.gz';
  return undefined;
}

/** The problem with a chosen archive file, or undefined when it can be sent. */
function archiveProblem(file: File): string | undefined {
  if (!archiveFormatOf(file.name)) {
    return 'Choose a .zip, .tar.gz or .tgz file';
  }
  if (file.size > MAX_ADMIN_ARCHIVE_BYTES) return 'At most 10 MiB';
  return undefined;
}

/**
 * YAML tab: a multi-document YAML, or an uploaded archive of manifests, applied to one
 * namespace of one cluster. Preview first (a
 * server-side dry run, per object), then Apply what was previewed; editing the text or the
 * target asks for a new preview.
 */
export function YamlTab() {
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  const [cluster, setCluster] = useSelectedCluster();
  const namespaces = useNamespaces();
  const [namespace, setNamespace] = useState('');
  const [yaml, setYaml] = useState('');
  const [archive, setArchive] = useState<File>();
  const [fileInputKey, setFileInputKey] = useState(0);
  const [preview, setPreview] = useState<AdminYamlReport>();
  const [applied, setApplied] = useState<AdminYamlReport>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const names = useMemo(
    () =>
      (namespaces.data?.items ?? [])
        .filter(n => n.cluster === cluster)
        .map(n => n.name)
        .sort(),
    [namespaces.data, cluster],
  );
  const tooLarge = new Blob([yaml]).size > MAX_ADMIN_YAML_BYTES;
  const problem = archive ? archiveProblem(archive) : undefined;
  const format = archive ? archiveFormatOf(archive.name) : undefined;
  const request: AdminYamlRequest | undefined =
    cluster && namespace && yaml.trim() && !tooLarge
      ? { cluster, namespace, yaml }
      : undefined;
  const archiveReady = Boolean(cluster && namespace && archive && !problem);
  const ready = archive ? archiveReady : Boolean(request);
  const reset = () => {
    setPreview(undefined);
    setApplied(undefined);
    setError(undefined);
  };
  const send = (dryRun: boolean): Promise<AdminYamlReport> => {
    if (archive && format && cluster) {
      const target = { cluster, namespace };
      return dryRun
        ? api.previewAdminArchive(target, archive, format)
        : api.applyAdminArchive(target, archive, format);
    }
    return dryRun
      ? api.previewAdminYaml(request!)
      : api.applyAdminYaml(request!);
  };
  const run = async (dryRun: boolean) => {
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      if (dryRun) {
        setApplied(undefined);
        setPreview(await send(true));
      } else {
        setApplied(await send(false));
        setPreview(undefined);
        await queryClient.invalidateQueries({ queryKey: kubemateKeys.all });
      }
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <ClusterSelect
          value={cluster}
          onChange={c => {
            setCluster(c);
            setNamespace('');
            reset();
          }}
        />
        <TextField
          select
          id="kubemate-admin-namespace"
          label="Namespace"
          value={names.includes(namespace) ? namespace : ''}
          onChange={e => {
            setNamespace(e.target.value);
            reset();
          }}
          style={{ minWidth: 220 }}
        >
          {names.map(n => (
            <MenuItem key={n} value={n}>
              {n}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <TextField
        id="kubemate-admin-yaml"
        label="YAML (one or more documents separated by ---)"
        multiline
        minRows={12}
        variant="outlined"
        value={yaml}
        onChange={e => {
          setYaml(e.target.value);
          reset();
        }}
        error={tooLarge}
        helperText={
          tooLarge
            ? 'At most 2 MiB'
            : 'Objects without a namespace go to the selected one; objects naming another namespace and cluster-scoped kinds are refused. Server-side apply, field manager kubemate-admin.'
        }
        disabled={archive !== undefined}
        inputProps={{ style: { fontFamily: 'monospace', fontSize: 13 } }}
      />
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
        data-testid="kubemate-admin-archive-drop"
        onDragOver={e => e.preventDefault()}
        onDrop={e => {
          // An archive dropped anywhere on this row is taken as if picked.
          const file = e.dataTransfer.files?.[0];
          if (!file) return;
          e.preventDefault();
          setArchive(file);
          setFileInputKey(k => k + 1);
          reset();
        }}
      >
        <Typography
          variant="body2"
          component="label"
          htmlFor="kubemate-admin-archive"
        >
          Or an archive of manifests (.zip, .tar.gz; at most 10 MiB, 1,000
          entries, 50 MiB expanded), picked or dropped here:
        </Typography>
        <input
          key={fileInputKey}
          id="kubemate-admin-archive"
          type="file"
          accept=".zip,.tar.gz,.tgz,application/zip,application/gzip"
          aria-describedby="kubemate-admin-archive-help"
          onChange={e => {
            setArchive(e.target.files?.[0] ?? undefined);
            reset();
          }}
        />
        {archive && (
          <Button
            size="small"
            onClick={() => {
              setArchive(undefined);
              setFileInputKey(k => k + 1);
              reset();
            }}
          >
            Remove archive
          </Button>
        )}
        <Typography
          variant="body2"
          id="kubemate-admin-archive-help"
          color={problem ? 'error' : 'textSecondary'}
          style={{ flexBasis: '100%' }}
        >
          {problem ??
            (archive
              ? `${archive.name} (${Math.ceil(
                  archive.size / 1024,
                )} KiB) is previewed and applied instead of the text; its .yaml, .yml and .json files are read in path order.`
              : 'Files that are not .yaml, .yml or .json are listed and left out; links and paths leaving the archive refuse it.')}
        </Typography>
      </Box>
      <Box display="flex" style={{ gap: 8 }}>
        <Button
          variant="outlined"
          disabled={!ready || busy}
          onClick={() => run(true)}
        >
          Preview
        </Button>
        <Button
          variant="contained"
          color="primary"
          disabled={!ready || !preview || busy}
          onClick={() => run(false)}
        >
          Apply
        </Button>
      </Box>
      {error && <ResponseErrorPanel error={error} />}
      {preview && <YamlReport report={preview} />}
      {applied && <YamlReport report={applied} />}
    </Box>
  );
}
