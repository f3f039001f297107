import type { Entity } from '@backstage/catalog-model';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import type { WorkloadTarget } from '../../api';
import { RolloutHistory } from './RolloutHistory';

/** The rollout history of a workload in a dialog. */
export function RolloutHistoryDialog(props: {
  open: boolean;
  entity: Entity;
  target: WorkloadTarget;
  canRollback: boolean;
  busy?: boolean;
  onRollback(revision: number): void;
  onClose(): void;
}) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="kubemate-history-title"
    >
      <DialogTitle id="kubemate-history-title">
        Rollout history of {props.target.name}
      </DialogTitle>
      <DialogContent>
        <RolloutHistory
          entity={props.entity}
          target={props.target}
          canRollback={props.canRollback}
          busy={props.busy}
          onRollback={props.onRollback}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
