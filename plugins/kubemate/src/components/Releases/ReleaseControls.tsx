import { usePermission } from '@backstage/plugin-permission-react';
import {
  kubemateReleaseAbortPermission,
  kubemateReleasePromotePermission,
  kubemateReleaseStepPermission,
  type Release,
  type ReleaseAction,
} from '@kubemate/plugin-kubemate-common';
import { Box, Button, Grid, Slider, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { isReleaseActive, useReleaseAction } from '../../queries';
import { errorMessage } from '../InspectionShared/format';
import { ConfirmDialog } from '../WorkloadActions';

/**
 * Set the canary's weight, pause, resume, promote or abort. Each control is disabled without
 * its permission (the backend checks them too) and once the release has ended; promote and
 * abort ask first.
 */
export function ReleaseControls(props: { release: Release }) {
  const { release } = props;
  const on = { resourceRef: release.entityRef };
  const step = usePermission({
    permission: kubemateReleaseStepPermission,
    ...on,
  });
  const promote = usePermission({
    permission: kubemateReleasePromotePermission,
    ...on,
  });
  const abort = usePermission({
    permission: kubemateReleaseAbortPermission,
    ...on,
  });
  const action = useReleaseAction(release.id);
  const [weight, setWeight] = useState<number>();
  const [confirming, setConfirming] = useState<'promote' | 'abort'>();
  const active = isReleaseActive(release);
  const shown = weight ?? release.weight;
  const run = (a: ReleaseAction, w?: number) =>
    action.mutate(
      { action: a, weight: w },
      {
        onSettled: () => {
          setConfirming(undefined);
          if (a === 'weight') setWeight(undefined);
        },
      },
    );
  const why = (allowed: boolean) => {
    if (!active) return `The release is ${release.state}`;
    if (!allowed) return 'You are not allowed to';
    return undefined;
  };

  return (
    <Box>
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} md={6}>
          <Typography id="release-weight-label" gutterBottom>
            Canary weight: {shown}% (stable {100 - shown}%)
          </Typography>
          <Box display="flex" alignItems="center" style={{ gap: 16 }}>
            <Slider
              aria-labelledby="release-weight-label"
              value={shown}
              min={0}
              max={100}
              step={1}
              valueLabelDisplay="auto"
              disabled={!active || !step.allowed || action.isPending}
              onChange={(_e, v) => setWeight(v as number)}
            />
            <Button
              variant="outlined"
              disabled={
                !active ||
                !step.allowed ||
                action.isPending ||
                weight === undefined ||
                weight === release.weight
              }
              onClick={() => run('weight', shown)}
            >
              Set weight
            </Button>
          </Box>
        </Grid>
        <Grid item xs={12} md={6}>
          <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
            {release.state === 'paused' ? (
              <Button
                variant="outlined"
                title={why(step.allowed)}
                disabled={!active || !step.allowed || action.isPending}
                onClick={() => run('resume')}
              >
                Resume
              </Button>
            ) : (
              <Button
                variant="outlined"
                title={why(step.allowed)}
                disabled={!active || !step.allowed || action.isPending}
                onClick={() => run('pause')}
              >
                Pause
              </Button>
            )}
            <Button
              variant="contained"
              color="primary"
              title={why(promote.allowed)}
              disabled={!active || !promote.allowed || action.isPending}
              onClick={() => setConfirming('promote')}
            >
              Promote
            </Button>
            <Button
              variant="contained"
              color="secondary"
              title={why(abort.allowed)}
              disabled={!active || !abort.allowed || action.isPending}
              onClick={() => setConfirming('abort')}
            >
              Abort
            </Button>
          </Box>
        </Grid>
      </Grid>
      {action.error && (
        <Box mt={2}>
          <Alert severity="error">{errorMessage(action.error)}</Alert>
        </Box>
      )}
      <ConfirmDialog
        open={confirming === 'promote'}
        title={`Promote ${release.canary}?`}
        confirmLabel="Promote"
        busy={action.isPending}
        onConfirm={() => run('promote')}
        onClose={() => setConfirming(undefined)}
      >
        All traffic goes to {release.canary}; then {release.stable} takes its
        pod template, traffic returns to {release.stable} and {release.canary}{' '}
        is scaled to 0.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'abort'}
        title={`Abort the release of ${release.canary}?`}
        confirmLabel="Abort"
        danger
        busy={action.isPending}
        onConfirm={() => run('abort')}
        onClose={() => setConfirming(undefined)}
      >
        All traffic goes back to {release.stable} at once and {release.canary}{' '}
        is scaled to 0.
      </ConfirmDialog>
    </Box>
  );
}
