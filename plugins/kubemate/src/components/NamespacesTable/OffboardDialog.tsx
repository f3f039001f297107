import { useApi } from '@backstage/core-plugin-api';
import type { OnboardResponse } from '@kubemate/plugin-kubemate-common';
import {
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  TextField,
  Typography,
} from '@material-ui/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { kubemateApiRef } from '../../api';
import { kubemateKeys } from '../../queries';

/**
 * Offboarding a namespace, after typing its name: a dry run lists what goes, then "Offboard"
 * removes it. Deleting the Namespace itself (with everything in it) is a separate choice.
 */
export function OffboardDialog(props: {
  cluster: string;
  name: string;
  onClose(): void;
}) {
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState('');
  const [deleteNamespace, setDeleteNamespace] = useState(false);
  const run = useMutation<OnboardResponse, Error, boolean>({
    mutationFn: dryRun =>
      api.offboardNamespace(props.cluster, props.name, {
        confirm,
        deleteNamespace,
        dryRun,
      }),
    onSuccess: answer => {
      if (!answer.dryRun) {
        void queryClient.invalidateQueries({
          queryKey: kubemateKeys.namespaces(),
        });
      }
    },
  });
  const confirmed = confirm === props.name;
  const preview = (e?: FormEvent) => {
    e?.preventDefault();
    if (confirmed) run.mutate(true);
  };
  const answer = run.data;
  return (
    <Dialog open onClose={props.onClose} maxWidth="md" fullWidth>
      <form onSubmit={preview} noValidate>
        <DialogTitle>
          Offboard {props.cluster}/{props.name}?
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            Removes the namespace&apos;s Gateway, its Traefik entryPoint and
            port, quota, limits, NetworkPolicy and ownership labels.
          </Typography>
          <TextField
            id="offboard-confirm"
            label="Type the namespace's name to confirm"
            value={confirm}
            onChange={e => setConfirm(e.target.value)}
            margin="dense"
            fullWidth
            inputProps={{ maxLength: 63 }}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={deleteNamespace}
                onChange={e => setDeleteNamespace(e.target.checked)}
              />
            }
            label="Also delete the Namespace and everything in it"
          />
          {run.error && (
            <Typography color="error" role="alert">
              {run.error.message}
            </Typography>
          )}
          {answer && (
            <div aria-label="Offboarding result">
              <Typography variant="h6">
                {answer.dryRun ? 'Dry run' : `Offboarded ${answer.namespace}`}
              </Typography>
              {answer.objects.map(o => (
                <Typography
                  key={`${o.kind}/${o.namespace}/${o.name}`}
                  variant="body2"
                >
                  <Chip size="small" label={o.action} /> {o.kind}{' '}
                  {o.namespace ? `${o.namespace}/` : ''}
                  {o.name}
                </Typography>
              ))}
            </div>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Close</Button>
          <Button type="submit" disabled={!confirmed || run.isPending}>
            Preview
          </Button>
          <Button
            color="secondary"
            variant="contained"
            disabled={!confirmed || !answer?.dryRun || run.isPending}
            onClick={() => run.mutate(false)}
          >
            Offboard
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
