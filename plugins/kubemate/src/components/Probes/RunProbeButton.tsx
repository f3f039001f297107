import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { kubemateProbeRunPermission } from '@kubemate/plugin-kubemate-common';
import { Button, CircularProgress } from '@material-ui/core';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import { ResponseError } from '@backstage/errors';
import { useRunProbe } from '../../queries/useProbes';

const messageOf = (e: unknown) =>
  e instanceof ResponseError
    ? e.body.error.message
    : (e as Error)?.message ?? String(e);

/** Runs a probe now; shown only to people holding kubemate.probe.run. */
export function RunProbeButton(props: { id: string; running?: boolean }) {
  const { allowed } = usePermission({ permission: kubemateProbeRunPermission });
  const alertApi = useApi(alertApiRef);
  const run = useRunProbe();
  if (!allowed) return null;
  const busy = run.isPending || props.running;
  return (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      disabled={busy}
      aria-label={`Run probe ${props.id} now`}
      startIcon={
        busy ? (
          <CircularProgress size={14} color="inherit" />
        ) : (
          <PlayArrowIcon />
        )
      }
      onClick={() =>
        run.mutate(props.id, {
          onError: e =>
            alertApi.post({
              message: `Could not run probe ${props.id}: ${messageOf(e)}`,
              severity: 'error',
            }),
        })
      }
    >
      {props.running ? 'Running…' : 'Run now'}
    </Button>
  );
}
