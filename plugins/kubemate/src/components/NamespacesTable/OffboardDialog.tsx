import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  TextField,
  Typography,
} from '@material-ui/core';
import { useState, type FormEvent } from 'react';
import { kubemateApiRef } from '../../api';
import { NamespaceChangeResult, useNamespaceChange } from './NamespaceChange';

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
  const [confirm, setConfirm] = useState('');
  const [deleteNamespace, setDeleteNamespace] = useState(false);
  const run = useNamespaceChange(dryRun =>
    api.offboardNamespace(props.cluster, props.name, {
      confirm,
      deleteNamespace,
      dryRun,
    }),
  );
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
            <NamespaceChangeResult
              label="Offboarding result"
              title={
                answer.dryRun ? 'Dry run' : `Offboarded ${answer.namespace}`
              }
              answer={answer}
            />
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
