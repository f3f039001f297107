import type { Entity } from '@backstage/catalog-model';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import type { WorkloadActionView, WorkloadTarget } from '../../api';
import { AutoscaleDialog } from './AutoscaleDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { LogsDialog } from './LogsDialog';
import { RolloutHistoryDialog } from './RolloutHistoryDialog';
import { ScaleDialog } from './ScaleDialog';
import { ScheduleDialog } from './ScheduleDialog';
import type { PermittedActions } from './usePermittedActions';
import type { useWorkloadAction } from './useWorkloadAction';

type Mutation = ReturnType<typeof useWorkloadAction>;

/** Which dialog of an object is open. */
export type OpenAction =
  | 'scale'
  | 'restart'
  | 'history'
  | 'trigger'
  | 'pause'
  | 'logs'
  | 'delete'
  /** On a Deployment or StatefulSet: create its HPA; on an HPA: edit it. */
  | 'autoscale'
  /** On a CronJob: suspend it, or resume it when suspended. */
  | 'suspend'
  | 'schedule'
  | { rollback: number };

/** Actions whose outcome depends on the state the user saw. */
const VIEW_DEPENDENT = new Set<string>([
  'scale',
  'pause',
  'resume',
  'rollback',
  'suspend',
  'unsuspend',
  'schedule',
  'set-autoscaling',
]);

/** The object as the dialog shows it: its generation when it has one. */
function viewOf(object: KubeObject): WorkloadActionView {
  const generation = (object.metadata as { generation?: number }).generation;
  return typeof generation === 'number'
    ? { generation }
    : { resourceVersion: object.metadata.resourceVersion };
}

/** The dialog of one action on one object; every change asks for confirmation first. */
export function WorkloadActionDialogs(props: {
  entity: Entity;
  cluster: string;
  object: KubeObject;
  open: OpenAction;
  permitted: PermittedActions;
  mutation: Mutation;
  onOpen(open: OpenAction): void;
  onClose(): void;
}) {
  const { object, open, mutation, onClose: close } = props;
  const target: WorkloadTarget = {
    cluster: props.cluster,
    namespace: object.metadata.namespace ?? 'default',
    kind: object.kind,
    name: object.metadata.name,
  };
  /**
   * Actions decided on what the dialog shows (the replica count, the paused state, the revision
   * list) send the generation shown (the resourceVersion for objects without one), so a spec
   * change the page has not shown yet is a 409 instead of being overridden, while status
   * updates of a rollout in progress are not. The dialog follows the live object, so the user's
   * own last action, once the page refreshed, never conflicts. Restart, delete and trigger do not
   * depend on what was shown and send none.
   */
  const run = (
    action: Parameters<Mutation['mutate']>[0]['action'],
    params?: Record<string, unknown>,
  ) =>
    mutation.mutate(
      {
        action,
        target,
        params,
        ...(VIEW_DEPENDENT.has(action) ? { view: viewOf(object) } : {}),
      },
      { onSettled: close },
    );
  const { name, namespace } = target;
  const kind = object.kind;
  const spec = (object.spec ?? {}) as {
    replicas?: number;
    paused?: boolean;
    suspend?: boolean;
    schedule?: string;
    timeZone?: string;
    containers?: Array<{ name: string }>;
    scaleTargetRef?: { kind?: string; name?: string };
  };
  const busy = mutation.isPending;

  switch (open) {
    case 'scale':
      return (
        <ScaleDialog
          open
          name={name}
          current={spec.replicas ?? 1}
          busy={busy}
          onScale={replicas => run('scale', { replicas })}
          onClose={close}
        />
      );
    case 'restart':
      return (
        <ConfirmDialog
          open
          title={`Restart ${name}?`}
          confirmLabel="Restart"
          busy={busy}
          onConfirm={() => run('restart')}
          onClose={close}
        >
          Every pod of {kind} {namespace}/{name} is replaced, one batch at a
          time, following its rollout strategy.
        </ConfirmDialog>
      );
    case 'pause':
      return (
        <ConfirmDialog
          open
          title={`${spec.paused ? 'Resume' : 'Pause'} the rollout of ${name}?`}
          confirmLabel={spec.paused ? 'Resume' : 'Pause'}
          busy={busy}
          onConfirm={() => run(spec.paused ? 'resume' : 'pause')}
          onClose={close}
        >
          {spec.paused
            ? 'Template changes made while paused will roll out.'
            : 'Template changes will not roll out until the rollout is resumed.'}
        </ConfirmDialog>
      );
    case 'trigger':
      return (
        <ConfirmDialog
          open
          title={`Run ${name} now?`}
          confirmLabel="Run now"
          busy={busy}
          onConfirm={() => run('trigger')}
          onClose={close}
        >
          A Job is created from the CronJob's template, outside its schedule.
        </ConfirmDialog>
      );
    case 'autoscale':
      return kind === 'HorizontalPodAutoscaler' ? (
        <AutoscaleDialog
          open
          title={`Autoscaling of ${spec.scaleTargetRef?.kind ?? ''} ${
            spec.scaleTargetRef?.name ?? name
          } (HPA ${name})`}
          hpa={object}
          busy={busy}
          onSave={params => run('set-autoscaling', params)}
          onClose={close}
        />
      ) : (
        <AutoscaleDialog
          open
          title={`Autoscale ${kind} ${name}`}
          replicas={spec.replicas}
          busy={busy}
          onSave={params => run('autoscale', params)}
          onClose={close}
        />
      );
    case 'suspend':
      return (
        <ConfirmDialog
          open
          title={`${spec.suspend ? 'Resume' : 'Suspend'} ${name}?`}
          confirmLabel={spec.suspend ? 'Resume' : 'Suspend'}
          busy={busy}
          onConfirm={() => run(spec.suspend ? 'unsuspend' : 'suspend')}
          onClose={close}
        >
          {spec.suspend
            ? 'Jobs start again on the schedule; runs missed while suspended may start at once, within the starting deadline.'
            : 'No new Jobs start until it is resumed; Jobs already running go on.'}
        </ConfirmDialog>
      );
    case 'schedule':
      return (
        <ScheduleDialog
          open
          name={name}
          schedule={spec.schedule ?? ''}
          timeZone={spec.timeZone}
          busy={busy}
          onSave={params => run('schedule', params)}
          onClose={close}
        />
      );
    case 'delete':
      return (
        <ConfirmDialog
          open
          danger
          title={`Delete pod ${name}?`}
          confirmLabel="Delete"
          busy={busy}
          onConfirm={() => run('delete-pod')}
          onClose={close}
        >
          Its controller creates a replacement; a pod without a controller is
          gone for good.
        </ConfirmDialog>
      );
    case 'history':
      return (
        <RolloutHistoryDialog
          open
          entity={props.entity}
          target={target}
          canRollback={props.permitted.rollback}
          busy={busy}
          onRollback={revision => props.onOpen({ rollback: revision })}
          onClose={close}
        />
      );
    case 'logs':
      return (
        <LogsDialog
          open
          entity={props.entity}
          cluster={props.cluster}
          namespace={namespace}
          pod={name}
          containers={(spec.containers ?? []).map(c => c.name)}
          onClose={close}
        />
      );
    default:
      return (
        <ConfirmDialog
          open
          danger
          title={`Roll back ${name} to revision ${open.rollback}?`}
          confirmLabel="Roll back"
          busy={busy}
          onConfirm={() => run('rollback', { revision: open.rollback })}
          onClose={close}
        >
          The pod template of revision {open.rollback} becomes the current one
          and rolls out.
        </ConfirmDialog>
      );
  }
}
