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
import {
  Box,
  Button,
  List,
  ListItem,
  ListItemText,
  Paper,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { configDataApiRef } from '../../api';
import { kubemateKeys } from '../../queries';
import { CodeEditor } from '../CodeEditor';
import { UnifiedDiff } from '../UnifiedDiff';
import {
  changesOf,
  draftOf,
  draftProblems,
  type DraftKey,
} from './configDataDraft';
import { KeyChangesSummary } from './KeyChangesSummary';
import { formatBytes } from './sizes';

/** The react-query key of an object's history (refreshed after a save). */
export const configDataHistoryKey = (
  entityRef: string,
  kind: string,
  namespace: string,
  name: string,
) => ['kubemate', 'config-data-history', entityRef, kind, namespace, name];

const isConflict = (e: unknown) =>
  (e as { response?: { status?: number } })?.response?.status === 409 ||
  (e as Error)?.name === 'ConflictError';

/** Refreshes what a saved edit changes: the entity's objects, its audit log, the history. */
export function useRefreshAfterSave() {
  const queryClient = useQueryClient();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return () =>
    Promise.all([
      queryClient.invalidateQueries({
        queryKey: kubemateKeys.entityWorkloads(entityRef),
      }),
      queryClient.invalidateQueries({
        queryKey: kubemateKeys.entityAudit(entityRef),
      }),
      queryClient.invalidateQueries({
        queryKey: ['kubemate', 'config-data-history', entityRef],
      }),
    ]);
}

/**
 * Edits a ConfigMap's or Secret's keys: add, rename, remove, and values in a code editor
 * (a Secret's values are never loaded: a new value replaces the old one). The server previews
 * the edit (dry run, diff) before it is saved, and refuses it (409) when the object changed
 * since it was loaded; the draft is kept then, to be saved on the current version.
 */
export function DataKeysEditor(props: {
  kind: ConfigDataKind;
  cluster: string;
  object: KubeObject;
  onDone(): void;
}) {
  const { kind, object } = props;
  const { entity } = useEntity();
  const api = useApi(configDataApiRef);
  const alertApi = useApi(alertApiRef);
  const refresh = useRefreshAfterSave();
  const [draft, setDraft] = useState<DraftKey[]>(() => draftOf(kind, object));
  const [base, setBase] = useState(() => ({
    resourceVersion: object.metadata.resourceVersion ?? '',
    originals: draftOf(kind, object).map(d => d.key),
  }));
  const [selectedId, setSelectedId] = useState<string | undefined>(
    draft[0]?.id,
  );
  const [preview, setPreview] = useState<ConfigDataPreviewResponse>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState(0);

  const changes = useMemo(
    () => changesOf(base.originals, draft),
    [base.originals, draft],
  );
  const problems = draftProblems(draft);
  const selected = draft.find(d => d.id === selectedId);
  const name = `${object.metadata.namespace}/${object.metadata.name}`;
  const request = (): ConfigDataEditRequest => ({
    cluster: props.cluster,
    namespace: object.metadata.namespace ?? '',
    kind,
    name: object.metadata.name,
    resourceVersion: base.resourceVersion,
    changes,
  });

  const update = (id: string, patch: Partial<DraftKey>) =>
    setDraft(d => d.map(k => (k.id === id ? { ...k, ...patch } : k)));
  const remove = (id: string) => {
    const rest = draft.filter(k => k.id !== id);
    setDraft(rest);
    setSelectedId(rest[0]?.id);
  };
  const add = () => {
    const n = added + 1;
    const key = `new-key-${n}`;
    setAdded(n);
    setDraft(d => [...d, { id: `added-${n}`, key, value: '', binary: false }]);
    setSelectedId(`added-${n}`);
  };
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await step();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const showPreview = () =>
    run(async () => {
      setPreview(
        await api.previewConfigData(getCompoundEntityRef(entity), request()),
      );
    });
  const save = () =>
    run(async () => {
      const saved = await api.applyConfigData(
        getCompoundEntityRef(entity),
        request(),
      );
      alertApi.post({
        message: `Saved ${kind} ${name}`,
        severity: 'success',
        display: 'transient',
      });
      setBase({
        resourceVersion: saved.resourceVersion,
        originals: draft.map(d => d.key),
      });
      await refresh();
      props.onDone();
    });
  // Keep the draft, base it on the object as the page has it now (refreshed by the 409).
  const rebase = async () => {
    await refresh();
    setBase(b => ({
      ...b,
      resourceVersion: props.object.metadata.resourceVersion ?? '',
      originals: draftOf(kind, props.object).map(d => d.key),
    }));
    setPreview(undefined);
    setError(undefined);
  };

  const errorPanel = error !== undefined && (
    <Box mb={1}>
      <Alert
        severity="error"
        action={
          isConflict(error) ? (
            <Button color="inherit" size="small" onClick={rebase}>
              Use the current version, keep my changes
            </Button>
          ) : undefined
        }
      >
        {(error as Error).message}
      </Alert>
    </Box>
  );

  if (preview) {
    return (
      <Box>
        {errorPanel}
        <Typography variant="subtitle2" gutterBottom>
          Changes to {kind} {name}
        </Typography>
        <KeyChangesSummary keys={preview.keys} />
        {preview.diff ? (
          <UnifiedDiff diff={preview.diff} label="Changes" />
        ) : (
          <Typography>No changes.</Typography>
        )}
        {kind === 'Secret' && (
          <Typography variant="caption" color="textSecondary">
            Secret values are not shown in the preview, only the keys and the
            sizes of their values.
          </Typography>
        )}
        <Box mt={1} display="flex" style={{ gap: 8 }}>
          <Button
            variant="contained"
            color="primary"
            onClick={save}
            disabled={busy || !preview.diff}
          >
            Save
          </Button>
          <Button onClick={() => setPreview(undefined)} disabled={busy}>
            Back to editing
          </Button>
        </Box>
      </Box>
    );
  }

  return (
    <Box>
      {errorPanel}
      <Box display="flex" style={{ gap: 16 }}>
        <Paper
          variant="outlined"
          style={{
            width: 280,
            flexShrink: 0,
            maxHeight: '60vh',
            overflow: 'auto',
          }}
        >
          <List dense aria-label={`Keys being edited of ${name}`}>
            {draft.map(k => (
              <ListItem
                key={k.id}
                button
                selected={k.id === selectedId}
                aria-current={k.id === selectedId ? 'true' : undefined}
                onClick={() => setSelectedId(k.id)}
              >
                <ListItemText
                  primary={k.key || '(no name)'}
                  secondary={
                    k.original === undefined
                      ? 'new'
                      : [
                          k.original !== k.key ? `was ${k.original}` : '',
                          k.value !== undefined && k.value !== k.originalValue
                            ? 'changed'
                            : '',
                        ]
                          .filter(Boolean)
                          .join(' · ') || undefined
                  }
                />
              </ListItem>
            ))}
          </List>
          <Box p={1}>
            <Button size="small" variant="outlined" onClick={add}>
              Add key
            </Button>
          </Box>
        </Paper>
        <Box flexGrow={1} minWidth={0}>
          {selected ? (
            <KeyPanel
              kind={kind}
              entry={selected}
              onChange={patch => update(selected.id, patch)}
              onRemove={() => remove(selected.id)}
            />
          ) : (
            <Typography color="textSecondary">
              No keys. Add one, or save to leave the {kind} empty.
            </Typography>
          )}
        </Box>
      </Box>
      {problems.length > 0 && (
        <Box mt={1}>
          <Alert severity="warning">
            {problems.map(p => (
              <div key={p}>{p}</div>
            ))}
          </Alert>
        </Box>
      )}
      <Box mt={1} display="flex" style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={showPreview}
          disabled={busy || problems.length > 0 || changes.length === 0}
        >
          Preview changes
        </Button>
        <Button onClick={props.onDone} disabled={busy}>
          Cancel
        </Button>
      </Box>
    </Box>
  );
}

/** The selected key: its name, its value (a code editor for long values), removal. */
function KeyPanel(props: {
  kind: ConfigDataKind;
  entry: DraftKey;
  onChange(patch: Partial<DraftKey>): void;
  onRemove(): void;
}) {
  const { entry, kind } = props;
  const yamlValue = /\.ya?ml$/i.test(entry.key);
  return (
    <Box>
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
        <TextField
          id={`key-name-${entry.id}`}
          label="Key name"
          size="small"
          variant="outlined"
          value={entry.key}
          onChange={e => props.onChange({ key: e.target.value.trim() })}
          helperText={
            entry.original && entry.original !== entry.key
              ? `Renamed from ${entry.original}`
              : undefined
          }
        />
        <Button onClick={props.onRemove} aria-label={`Remove key ${entry.key}`}>
          Remove key
        </Button>
      </Box>
      {entry.binary && (
        <Typography color="textSecondary">
          {entry.key} is binary data
          {entry.bytes !== undefined ? ` (${formatBytes(entry.bytes)})` : ''}:
          it can be renamed or removed here, not edited as text.
        </Typography>
      )}
      {!entry.binary && kind === 'Secret' && entry.value === undefined && (
        <Box>
          <Typography color="textSecondary" gutterBottom>
            The current value
            {entry.bytes !== undefined
              ? ` (${formatBytes(entry.bytes)})`
              : ''}{' '}
            is kept. Secret values are not loaded into the editor: type a new
            one to replace it.
          </Typography>
          <Button
            variant="outlined"
            size="small"
            onClick={() => props.onChange({ value: '' })}
          >
            Set a new value
          </Button>
        </Box>
      )}
      {!entry.binary && entry.value !== undefined && (
        <CodeEditor
          label={`Value of ${entry.key}`}
          language={yamlValue ? 'yaml' : 'text'}
          value={entry.value}
          onChange={value => props.onChange({ value })}
          minHeight="320px"
        />
      )}
    </Box>
  );
}
