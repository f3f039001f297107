import {
  ROLLOUT_KINDS,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { IconButton, Tooltip } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import HistoryIcon from '@material-ui/icons/History';
import ScheduleIcon from '@material-ui/icons/Schedule';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import PauseCircleOutlineIcon from '@material-ui/icons/PauseCircleOutline';
import PlayCircleOutlineIcon from '@material-ui/icons/PlayCircleOutline';
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
  /** The HPA scaling this workload, if any: the autoscale control edits it. */
  hpa?: KubeObject;
}) {
  const { object, permitted, hpa } = props;
  const openAction = useOpenWorkloadAction();
  const open = (action: OpenAction) => () =>
    openAction({ cluster: props.cluster, object, open: action });
  const name = object.metadata.name;
  const kind = object.kind;
  const { paused, suspend } = (object.spec ?? {}) as {
    paused?: boolean;
    suspend?: boolean;
  };

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
      {permitted.hpaUpdate &&
        (kind === 'Deployment' || kind === 'StatefulSet') && (
          <Action
            label={
              hpa ? `Edit autoscaling of ${name}` : `Add autoscaling to ${name}`
            }
            icon={<TrendingUpIcon />}
            onClick={() =>
              openAction({
                cluster: props.cluster,
                object: hpa ?? object,
                open: 'autoscale',
              })
            }
          />
        )}
      {permitted.hpaUpdate && kind === 'HorizontalPodAutoscaler' && (
        <Action
          label={`Edit autoscaling ${name}`}
          icon={<TrendingUpIcon />}
          onClick={open('autoscale')}
        />
      )}
      {permitted.cronJobUpdate && kind === 'CronJob' && (
        <Action
          label={`${suspend ? 'Resume' : 'Suspend'} ${name}`}
          icon={
            suspend ? <PlayCircleOutlineIcon /> : <PauseCircleOutlineIcon />
          }
          onClick={open('suspend')}
        />
      )}
      {permitted.cronJobUpdate && kind === 'CronJob' && (
        <Action
          label={`Edit schedule of ${name}`}
          icon={<ScheduleIcon />}
          onClick={open('schedule')}
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
