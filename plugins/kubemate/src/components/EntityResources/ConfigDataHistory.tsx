import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  ConfigDataEditRequest,
  ConfigDataKind,
  ConfigDataPreviewResponse,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { configDataApiRef } from '../../api';
import { UnifiedDiff } from '../UnifiedDiff';
import { configDataHistoryKey, useRefreshAfterSave } from './DataKeysEditor';
import { KeyChangesSummary } from './KeyChangesSummary';

type Restore = NonNullable<ConfigDataEditRequest['restore']>;

/**
 * The audited changes of a ConfigMap or Secret, newest first: who, when, which keys. A
 * ConfigMap version (before or after a change) can be restored, through the same preview and
 * 409 check as an edit. Secret values are never in the audit log: no Secret restore.
 */
export function ConfigDataHistory(props: {
  kind: ConfigDataKind;
  cluster: string;
  object: KubeObject;
  /** Whether the user may restore (kubemate.workload.configmap.update). */
  canRestore: boolean;
  /** After a restore was applied (the keys are shown again). */
  onRestored?(): void;
}) {
  const { kind, object } = props;
  const { entity } = useEntity();
  const api = useApi(configDataApiRef);
  const alertApi = useApi(alertApiRef);
  const refresh = useRefreshAfterSave();
  const target = {
    cluster: props.cluster,
    namespace: object.metadata.namespace ?? '',
    kind,
    name: object.metadata.name,
  };
  const history = useQuery({
    queryKey: configDataHistoryKey(
      stringifyEntityRef(entity),
      kind,
      target.namespace,
      target.name,
    ),
    queryFn: () =>
      api.getConfigDataHistory(getCompoundEntityRef(entity), target),
  });
  const [restore, setRestore] = useState<Restore>();
  const [preview, setPreview] = useState<ConfigDataPreviewResponse>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const request = (r: Restore): ConfigDataEditRequest => ({
    ...target,
    resourceVersion: object.metadata.resourceVersion ?? '',
    restore: r,
  });
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await step();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const previewRestore = (r: Restore) =>
    run(async () => {
      setRestore(r);
      setPreview(undefined);
      setPreview(
        await api.previewConfigData(getCompoundEntityRef(entity), request(r)),
      );
    });
  const applyRestore = () =>
    run(async () => {
      await api.applyConfigData(
        getCompoundEntityRef(entity),
        request(restore!),
      );
      alertApi.post({
        message: `Restored ${kind} ${target.namespace}/${target.name}`,
        severity: 'success',
        display: 'transient',
      });
      setRestore(undefined);
      setPreview(undefined);
      await refresh();
      props.onRestored?.();
    });

  if (history.isPending) return <Progress />;
  if (history.error) return <ResponseErrorPanel error={history.error} />;
  const items = history.data.items;
  return (
    <Box aria-label={`History of ${target.name}`} role="region">
      {kind === 'Secret' && (
        <Box mb={1}>
          <Alert severity="info">
            Secret values are never written to the audit log: the history lists
            which keys were added, removed or changed, and a Secret cannot be
            restored from it.
          </Alert>
        </Box>
      )}
      {error && (
        <Box mb={1}>
          <Alert severity="error">{error.message}</Alert>
        </Box>
      )}
      {preview && restore && (
        <Box mb={2}>
          <Typography variant="subtitle2">
            Restoring the version {restore.version} this change
          </Typography>
          <KeyChangesSummary keys={preview.keys} />
          {preview.diff ? (
            <UnifiedDiff diff={preview.diff} label="Changes" />
          ) : (
            <Typography>The ConfigMap already has this version.</Typography>
          )}
          <Box mt={1} display="flex" style={{ gap: 8 }}>
            <Button
              variant="contained"
              color="primary"
              onClick={applyRestore}
              disabled={busy || !preview.diff}
            >
              Restore
            </Button>
            <Button
              onClick={() => {
                setPreview(undefined);
                setRestore(undefined);
              }}
              disabled={busy}
            >
              Cancel
            </Button>
          </Box>
        </Box>
      )}
      {items.length === 0 ? (
        <Typography color="textSecondary">
          No changes of this {kind} are on record.
        </Typography>
      ) : (
        <ol style={{ paddingLeft: 20, margin: 0 }}>
          {items.map(item => (
            <li key={item.id}>
              <Box py={0.5}>
                <Typography variant="body2">
                  {new Date(item.at).toLocaleString()} · {item.actor} ·{' '}
                  {item.operation}
                </Typography>
                <KeyChangesSummary keys={item.keys} />
                {kind === 'ConfigMap' && props.canRestore && (
                  <Box display="flex" style={{ gap: 8 }}>
                    {item.restorable.includes('before') && (
                      <Button
                        size="small"
                        variant="outlined"
                        disabled={busy}
                        onClick={() =>
                          previewRestore({
                            auditId: item.id,
                            version: 'before',
                          })
                        }
                      >
                        Restore the version before
                      </Button>
                    )}
                    {item.restorable.includes('after') && (
                      <Button
                        size="small"
                        disabled={busy}
                        onClick={() =>
                          previewRestore({
                            auditId: item.id,
                            version: 'after',
                          })
                        }
                      >
                        Restore this version
                      </Button>
                    )}
                  </Box>
                )}
              </Box>
            </li>
          ))}
        </ol>
      )}
    </Box>
  );
}
