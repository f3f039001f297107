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
import type { ReactElement } from 'react';
import type { OpenAction } from './WorkloadActionDialogs';
import { useOpenWorkloadAction } from './WorkloadActionsHost';
import type { PermittedActions } from './usePermittedActions';

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
 * The controls of one row: only those the user may use are rendered. Each opens its dialog in
 * the page's {@link WorkloadActionsHost}.
 */
export function WorkloadActionButtons(props: {
  cluster: string;
  object: KubeObject;
  permitted: PermittedActions;
}) {
  const { object, permitted } = props;
  const openAction = useOpenWorkloadAction();
  const open = (action: OpenAction) => () =>
    openAction({ cluster: props.cluster, object, open: action });
  const name = object.metadata.name;
  const kind = object.kind;
  const paused = (object.spec as { paused?: boolean } | undefined)?.paused;

  return (
    <>
      {permitted.scale && (kind === 'Deployment' || kind === 'StatefulSet') && (
        <Action
          label={`Scale ${name}`}
          icon={<TuneIcon />}
          onClick={open('scale')}
        />
      )}
      {permitted.restart && ROLLOUT_KINDS.includes(kind) && (
        <Action
          label={`Restart ${name}`}
          icon={<RefreshIcon />}
          onClick={open('restart')}
        />
      )}
      {ROLLOUT_KINDS.includes(kind) && (
        <Action
          label={`Rollout history of ${name}`}
          icon={<HistoryIcon />}
          onClick={open('history')}
        />
      )}
      {permitted.rollback && kind === 'Deployment' && (
        <Action
          label={`${paused ? 'Resume' : 'Pause'} rollout of ${name}`}
          icon={paused ? <PlayArrowIcon /> : <PauseIcon />}
          onClick={open('pause')}
        />
      )}
      {permitted.trigger && kind === 'CronJob' && (
        <Action
          label={`Run ${name} now`}
          icon={<PlayArrowIcon />}
          onClick={open('trigger')}
        />
      )}
      {permitted.logs && kind === 'Pod' && (
        <Action
          label={`Logs of ${name}`}
          icon={<SubjectIcon />}
          onClick={open('logs')}
        />
      )}
      {permitted.deletePod && kind === 'Pod' && (
        <Action
          label={`Delete pod ${name}`}
          icon={<DeleteIcon />}
          onClick={open('delete')}
        />
      )}
    </>
  );
}
