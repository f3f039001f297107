import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { AdminManifestFinding } from '@kubemate/plugin-kubemate-common';
import { Box, Button, Typography } from '@material-ui/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { kubemateApiRef, type WorkloadTarget } from '../../api';
import { kubemateKeys } from '../../queries';
import { CodeEditor } from '../CodeEditor';
import { ManifestFindings } from '../ManifestFindings';
import { UnifiedDiff } from '../UnifiedDiff';

const codeStyle = {
  margin: 0,
  padding: 8,
  fontSize: 12,
  background: '#111',
  color: '#ddd',
  overflow: 'auto',
  maxHeight: '65vh',
} as const;

/**
 * YAML of a workload or route. People who may edit it (`kubemate.workload.yaml.apply`, for
 * routes `kubemate.route.update`) can, in a code editor with the kind's fields as hints: the
 * server does a dry run first (strict field validation: unknown fields are refused by name)
 * and shows the diff; applying refuses edits made on a stale version.
 */
export function YamlEditor(props: {
  entity: Entity;
  target: WorkloadTarget;
  /** What the watch cache has, shown read-only. */
  yaml: string;
  canEdit: boolean;
}) {
  const api = useApi(kubemateApiRef);
  const alertApi = useApi(alertApiRef);
  const queryClient = useQueryClient();
  const ref = getCompoundEntityRef(props.entity);
  const [mode, setMode] = useState<'view' | 'edit' | 'preview'>('view');
  const [text, setText] = useState('');
  const [diff, setDiff] = useState('');
  const [findings, setFindings] = useState<AdminManifestFinding[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await step();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const load = () =>
    run(async () => {
      setText((await api.getYaml(ref, props.target)).yaml);
      setMode('edit');
    });
  const preview = () =>
    run(async () => {
      const previewed = await api.previewYaml(ref, props.target, text);
      setDiff(previewed.diff);
      setFindings(previewed.findings);
      setMode('preview');
    });
  const apply = () =>
    run(async () => {
      await api.applyYaml(ref, props.target, text);
      alertApi.post({
        message: `Applied ${props.target.kind} ${props.target.namespace}/${props.target.name}`,
        severity: 'success',
        display: 'transient',
      });
      const entityRef = stringifyEntityRef(props.entity);
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: kubemateKeys.entityWorkloads(entityRef),
        }),
        // The apply is audited with the YAML before and after.
        queryClient.invalidateQueries({
          queryKey: kubemateKeys.entityAudit(entityRef),
        }),
        // Routes are edited as YAML too.
        queryClient.invalidateQueries({
          queryKey: kubemateKeys.entityRoutes(entityRef),
        }),
      ]);
      setMode('view');
    });

  return (
    <Box>
      {error && (
        <Box mb={1} role="alert">
          <Typography color="error">{error}</Typography>
          {/changed since its YAML was loaded/.test(error) && (
            <Button size="small" onClick={load}>
              Reload
            </Button>
          )}
        </Box>
      )}
      {mode === 'view' && (
        <>
          {props.canEdit && (
            <Box mb={1}>
              <Button variant="outlined" onClick={load} disabled={busy}>
                Edit YAML
              </Button>
            </Box>
          )}
          <Box component="pre" aria-label="YAML" style={codeStyle}>
            {props.yaml}
          </Box>
        </>
      )}
      {mode === 'edit' && (
        <>
          <CodeEditor
            label="YAML editor"
            language="yaml"
            kind={props.target.kind}
            value={text}
            onChange={setText}
            minHeight="320px"
            maxHeight="65vh"
          />
          <Typography variant="caption" color="textSecondary">
            Ctrl-Space suggests the fields of a {props.target.kind}; unknown
            fields are flagged here and refused by the API server on preview.
          </Typography>
          <Box mt={1} display="flex" style={{ gap: 8 }}>
            <Button
              variant="contained"
              color="primary"
              onClick={preview}
              disabled={busy}
            >
              Preview changes
            </Button>
            <Button onClick={() => setMode('view')}>Cancel</Button>
          </Box>
        </>
      )}
      {mode === 'preview' && (
        <>
          {diff ? (
            <UnifiedDiff diff={diff} label="Diff" />
          ) : (
            <Typography>No changes.</Typography>
          )}
          {/* What the inspection rules say of the object as it would be, before applying. */}
          <Box mt={1}>
            <ManifestFindings
              findings={findings}
              subject={`${props.target.kind} ${props.target.name} as edited`}
            />
          </Box>
          <Box mt={1} display="flex" style={{ gap: 8 }}>
            <Button
              variant="contained"
              color="secondary"
              onClick={apply}
              disabled={busy || !diff}
            >
              Apply
            </Button>
            <Button onClick={() => setMode('edit')}>Back to editing</Button>
          </Box>
        </>
      )}
    </Box>
  );
}
