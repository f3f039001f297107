import type { Entity } from '@backstage/catalog-model';
import {
  ROLLOUT_KINDS,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { IconButton, Tooltip } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import HistoryIcon from '@material-ui/icons/History';
import PauseIcon from '@material-ui/icons/Pause';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import RefreshIcon from '@material-ui/icons/Refresh';
import SubjectIcon from '@material-ui/icons/Subject';
import TuneIcon from '@material-ui/icons/Tune';
import { useState, type ReactElement } from 'react';
import type { WorkloadTarget } from '../../api';
import { ConfirmDialog } from './ConfirmDialog';
import { LogsDialog } from './LogsDialog';
import { RolloutHistoryDialog } from './RolloutHistoryDialog';
import { ScaleDialog } from './ScaleDialog';
import type { PermittedActions } from './usePermittedActions';
import type { useWorkloadAction } from './useWorkloadAction';

type Mutation = ReturnType<typeof useWorkloadAction>;
type Open =
  | 'scale'
  | 'restart'
  | 'history'
  | 'trigger'
  | 'pause'
  | 'logs'
  | 'delete'
  | { rollback: number }
  | undefined;

function Action(props: { label: string; icon: ReactElement; onClick(): void }) {
  return (
    <Tooltip title={props.label}>
      <IconButton size="small" aria-label={props.label} onClick={props.onClick}>
        {props.icon}
      </IconButton>
    </Tooltip>
  );
}

/**
 * The controls of one row: only those the user may use are rendered. Every change asks for
 * confirmation first.
 */
export function WorkloadActionButtons(props: {
  entity: Entity;
  cluster: string;
  object: KubeObject;
  permitted: PermittedActions;
  mutation: Mutation;
}) {
  const { object, permitted, mutation } = props;
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  const target: WorkloadTarget = {
    cluster: props.cluster,
    namespace: object.metadata.namespace ?? 'default',
    kind: object.kind,
    name: object.metadata.name,
  };
  const run = (
    action: Parameters<Mutation['mutate']>[0]['action'],
    params?: Record<string, unknown>,
  ) => mutation.mutate({ action, target, params }, { onSettled: close });
  const name = object.metadata.name;
  const kind = object.kind;
  const spec = (object.spec ?? {}) as {
    replicas?: number;
    paused?: boolean;
    containers?: Array<{ name: string }>;
  };

  return (
    <>
      {permitted.scale && (kind === 'Deployment' || kind === 'StatefulSet') && (
        <Action
          label={`Scale ${name}`}
          icon={<TuneIcon />}
          onClick={() => setOpen('scale')}
        />
      )}
      {permitted.restart && ROLLOUT_KINDS.includes(kind) && (
        <Action
          label={`Restart ${name}`}
          icon={<RefreshIcon />}
          onClick={() => setOpen('restart')}
        />
      )}
      {ROLLOUT_KINDS.includes(kind) && (
        <Action
          label={`Rollout history of ${name}`}
          icon={<HistoryIcon />}
          onClick={() => setOpen('history')}
        />
      )}
      {permitted.rollback && kind === 'Deployment' && (
        <Action
          label={`${spec.paused ? 'Resume' : 'Pause'} rollout of ${name}`}
          icon={spec.paused ? <PlayArrowIcon /> : <PauseIcon />}
          onClick={() => setOpen('pause')}
        />
      )}
      {permitted.trigger && kind === 'CronJob' && (
        <Action
          label={`Run ${name} now`}
          icon={<PlayArrowIcon />}
          onClick={() => setOpen('trigger')}
        />
      )}
      {permitted.logs && kind === 'Pod' && (
        <Action
          label={`Logs of ${name}`}
          icon={<SubjectIcon />}
          onClick={() => setOpen('logs')}
        />
      )}
      {permitted.deletePod && kind === 'Pod' && (
        <Action
          label={`Delete pod ${name}`}
          icon={<DeleteIcon />}
          onClick={() => setOpen('delete')}
        />
      )}

      {open === 'scale' && (
        <ScaleDialog
          open
          name={name}
          current={spec.replicas ?? 1}
          busy={mutation.isPending}
          onScale={replicas => run('scale', { replicas })}
          onClose={close}
        />
      )}
      <ConfirmDialog
        open={open === 'restart'}
        title={`Restart ${name}?`}
        confirmLabel="Restart"
        busy={mutation.isPending}
        onConfirm={() => run('restart')}
        onClose={close}
      >
        Every pod of {kind} {target.namespace}/{name} is replaced, one batch at
        a time, following its rollout strategy.
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'pause'}
        title={`${spec.paused ? 'Resume' : 'Pause'} the rollout of ${name}?`}
        confirmLabel={spec.paused ? 'Resume' : 'Pause'}
        busy={mutation.isPending}
        onConfirm={() => run(spec.paused ? 'resume' : 'pause')}
        onClose={close}
      >
        {spec.paused
          ? 'Template changes made while paused will roll out.'
          : 'Template changes will not roll out until the rollout is resumed.'}
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'trigger'}
        title={`Run ${name} now?`}
        confirmLabel="Run now"
        busy={mutation.isPending}
        onConfirm={() => run('trigger')}
        onClose={close}
      >
        A Job is created from the CronJob's template, outside its schedule.
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'delete'}
        danger
        title={`Delete pod ${name}?`}
        confirmLabel="Delete"
        busy={mutation.isPending}
        onConfirm={() => run('delete-pod')}
        onClose={close}
      >
        Its controller creates a replacement; a pod without a controller is gone
        for good.
      </ConfirmDialog>
      {open === 'history' && (
        <RolloutHistoryDialog
          open
          entity={props.entity}
          target={target}
          canRollback={permitted.rollback}
          busy={mutation.isPending}
          onRollback={revision => setOpen({ rollback: revision })}
          onClose={close}
        />
      )}
      {typeof open === 'object' && (
        <ConfirmDialog
          open
          danger
          title={`Roll back ${name} to revision ${open.rollback}?`}
          confirmLabel="Roll back"
          busy={mutation.isPending}
          onConfirm={() => run('rollback', { revision: open.rollback })}
          onClose={close}
        >
          The pod template of revision {open.rollback} becomes the current one
          and rolls out.
        </ConfirmDialog>
      )}
      {open === 'logs' && (
        <LogsDialog
          open
          entity={props.entity}
          cluster={props.cluster}
          namespace={target.namespace}
          pod={name}
          containers={(spec.containers ?? []).map(c => c.name)}
          onClose={close}
        />
      )}
    </>
  );
}
