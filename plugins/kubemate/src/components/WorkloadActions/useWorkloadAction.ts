import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  kubemateApiRef,
  type WorkloadActionName,
  type WorkloadActionView,
  type WorkloadTarget,
} from '../../api';
import { kubemateKeys } from '../../queries';

const DONE: Record<WorkloadActionName, string> = {
  scale: 'Scaled',
  restart: 'Restarting',
  rollback: 'Rolling back',
  pause: 'Paused rollout of',
  resume: 'Resumed rollout of',
  'delete-pod': 'Deleted pod',
  trigger: 'Started a job from',
  suspend: 'Suspended',
  unsuspend: 'Resumed',
  schedule: 'Changed the schedule of',
  autoscale: 'Created an autoscaler for',
  'set-autoscaling': 'Changed autoscaling of',
};

/** The backend's own message (e.g. why a 409), without the HTTP status prefix. */
function serverMessage(error: Error): string {
  const body = (error as { body?: { error?: { message?: unknown } } }).body;
  return typeof body?.error?.message === 'string'
    ? body.error.message
    : error.message;
}

/** Runs an action, tells the user how it went, and refreshes the entity's workloads. */
export function useWorkloadAction(entity: Entity) {
  const api = useApi(kubemateApiRef);
  const alertApi = useApi(alertApiRef);
  const queryClient = useQueryClient();
  const entityRef = stringifyEntityRef(entity);
  return useMutation({
    mutationFn: (input: {
      action: WorkloadActionName;
      target: WorkloadTarget;
      params?: Record<string, unknown>;
      /** The object as shown: a change of its spec since then is refused (409). */
      view?: WorkloadActionView;
    }) =>
      api.performAction(
        getCompoundEntityRef(entity),
        input.action,
        input.target,
        input.params,
        input.view,
      ),
    onSuccess: (_result, { action, target }) => {
      alertApi.post({
        message: `${DONE[action]} ${
          target.kind === 'Pod' ? '' : `${target.kind} `
        }${target.namespace}/${target.name}`,
        severity: 'success',
        display: 'transient',
      });
    },
    onError: (error: Error, { action, target }) => {
      alertApi.post({
        message: `Could not ${action} ${target.namespace}/${
          target.name
        }: ${serverMessage(error)}`,
        severity: 'error',
      });
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({
          queryKey: kubemateKeys.entityWorkloads(entityRef),
        }),
        // Every attempt is audited, so the Activity list has a new entry.
        queryClient.invalidateQueries({
          queryKey: kubemateKeys.entityAudit(entityRef),
        }),
      ]),
  });
}
