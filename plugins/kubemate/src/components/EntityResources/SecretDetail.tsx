import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  kubemateWorkloadAuditReadPermission,
  kubemateWorkloadSecretReadPermission,
  kubemateWorkloadSecretUpdatePermission,
  type KubeObject,
  type SecretRevealResponse,
} from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Button,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Paper,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { configDataApiRef } from '../../api';
import { ConfigDataHistory } from './ConfigDataHistory';
import { secretKeys } from './configMaps';
import { DataKeysEditor } from './DataKeysEditor';
import { formatBytes } from './sizes';
import { useEntityPermission } from './useEntityPermission';

/**
 * A Secret's keys with their sizes. With `kubemate.workload.secret.read` one key's value can be
 * revealed at a time (each reveal audited, hidden again when another is revealed); with
 * `kubemate.workload.secret.update` too, its keys are edited; with audit.read, the history of
 * which keys changed.
 */
export function SecretDetail(props: { secret: KubeObject; cluster: string }) {
  const canReveal = useEntityPermission(kubemateWorkloadSecretReadPermission);
  const canUpdate = useEntityPermission(kubemateWorkloadSecretUpdatePermission);
  const canReadHistory = useEntityPermission(
    kubemateWorkloadAuditReadPermission,
  );
  const [mode, setMode] = useState<'view' | 'edit' | 'history'>('view');
  const name = props.secret.metadata.name;
  const canEdit = canReveal && canUpdate;
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
          {mode !== 'view' && mode !== 'edit' && (
            <Button size="small" onClick={() => setMode('view')}>
              Back to the keys
            </Button>
          )}
        </Box>
      )}
      {mode === 'view' && (
        <SecretKeys
          secret={props.secret}
          cluster={props.cluster}
          canReveal={canReveal}
        />
      )}
      {mode === 'edit' && (
        <DataKeysEditor
          kind="Secret"
          cluster={props.cluster}
          object={props.secret}
          onDone={() => setMode('view')}
        />
      )}
      {mode === 'history' && (
        <ConfigDataHistory
          kind="Secret"
          cluster={props.cluster}
          object={props.secret}
          canRestore={false}
        />
      )}
    </Box>
  );
}

function SecretKeys(props: {
  secret: KubeObject;
  cluster: string;
  canReveal: boolean;
}) {
  const { entity } = useEntity();
  const api = useApi(configDataApiRef);
  const [revealed, setRevealed] = useState<SecretRevealResponse>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState<string>();
  const { secret } = props;
  const name = secret.metadata.name;
  const keys = secretKeys(secret);
  const reveal = async (key: string) => {
    // One value at a time: the previous one is hidden first.
    setRevealed(undefined);
    setError(undefined);
    setBusy(key);
    try {
      setRevealed(
        await api.revealSecretKey(getCompoundEntityRef(entity), {
          cluster: props.cluster,
          namespace: secret.metadata.namespace ?? '',
          name,
          key,
        }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  };
  if (keys.length === 0) {
    return (
      <Typography color="textSecondary">This Secret has no keys.</Typography>
    );
  }
  return (
    <Box>
      {!props.canReveal && (
        <Box mb={1}>
          <Alert severity="info">
            You are not allowed to reveal the values of this entity's Secrets
            (kubemate.workload.secret.read): only their keys and sizes are
            shown.
          </Alert>
        </Box>
      )}
      {error && (
        <Box mb={1}>
          <Alert severity="error">{error.message}</Alert>
        </Box>
      )}
      <Box display="flex" style={{ gap: 16 }}>
        <Paper variant="outlined" style={{ width: 360, flexShrink: 0 }}>
          <List dense aria-label={`Keys of ${name}`}>
            {keys.map(k => (
              <ListItem key={k.key}>
                <ListItemText
                  primary={k.key}
                  secondary={
                    k.bytes === undefined ? undefined : formatBytes(k.bytes)
                  }
                />
                <ListItemSecondaryAction>
                  {revealed?.key === k.key ? (
                    <Button size="small" onClick={() => setRevealed(undefined)}>
                      Hide
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      disabled={!props.canReveal || busy !== undefined}
                      onClick={() => reveal(k.key)}
                      aria-label={`Reveal ${k.key}`}
                    >
                      Reveal
                    </Button>
                  )}
                </ListItemSecondaryAction>
              </ListItem>
            ))}
          </List>
        </Paper>
        {revealed && (
          <Box flexGrow={1} minWidth={0}>
            <Typography variant="caption" color="textSecondary">
              {revealed.encoding === 'base64'
                ? 'Not text: shown as base64. '
                : ''}
              This reveal is recorded in the audit log.
            </Typography>
            <Box
              component="pre"
              role="region"
              aria-label={`Value of ${revealed.key}`}
              style={{
                margin: 0,
                padding: 8,
                fontFamily: 'monospace',
                fontSize: 13,
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-all',
                maxHeight: '40vh',
                overflow: 'auto',
              }}
            >
              {revealed.value}
            </Box>
          </Box>
        )}
      </Box>
    </Box>
  );
}
