import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { kubemateInspectionRunPermission } from '@kubemate/plugin-kubemate-common';
import { Button, CircularProgress } from '@material-ui/core';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import { useStartInspectionRun } from '../../queries';
import { errorMessage } from '../InspectionShared';

/** Starts a manual run of one cluster; shown only to people allowed to. */
export function RunNowButton(props: { cluster: string; running?: boolean }) {
  const { allowed } = usePermission({
    permission: kubemateInspectionRunPermission,
  });
  const alertApi = useApi(alertApiRef);
  const start = useStartInspectionRun();
  if (!allowed) return null;
  const busy = start.isPending || props.running;
  return (
    <Button
      variant="contained"
      color="primary"
      size="small"
      disabled={busy}
      aria-label={`Run inspection of ${props.cluster} now`}
      startIcon={
        busy ? (
          <CircularProgress size={14} color="inherit" />
        ) : (
          <PlayArrowIcon />
        )
      }
      onClick={() =>
        start.mutate(
          { cluster: props.cluster },
          {
            onSuccess: () =>
              alertApi.post({
                message: `Inspection of ${props.cluster} started`,
                severity: 'info',
                display: 'transient',
              }),
            onError: e =>
              alertApi.post({
                message: `Could not start the run of ${
                  props.cluster
                }: ${errorMessage(e)}`,
                severity: 'error',
              }),
          },
        )
      }
    >
      {props.running ? 'Running…' : 'Run now'}
    </Button>
  );
}
