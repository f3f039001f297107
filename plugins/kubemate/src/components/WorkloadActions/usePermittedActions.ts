import { usePermission } from '@backstage/plugin-permission-react';
import {
  kubemateWorkloadCronJobUpdatePermission,
  kubemateWorkloadDeletePodPermission,
  kubemateWorkloadHpaUpdatePermission,
  kubemateWorkloadLogsPermission,
  kubemateWorkloadRestartPermission,
  kubemateWorkloadRollbackPermission,
  kubemateWorkloadScalePermission,
  kubemateWorkloadTriggerPermission,
  kubemateWorkloadYamlApplyPermission,
} from '@kubemate/plugin-kubemate-common';

export interface PermittedActions {
  scale: boolean;
  restart: boolean;
  rollback: boolean;
  deletePod: boolean;
  logs: boolean;
  trigger: boolean;
  yamlApply: boolean;
  /** Create and edit HorizontalPodAutoscalers. */
  hpaUpdate: boolean;
  /** Suspend and resume CronJobs, change their schedule. */
  cronJobUpdate: boolean;
}

/**
 * What the signed-in user may do with this entity's workloads. The backend enforces the same
 * permissions; hiding controls only spares people buttons that would answer 403.
 */
export function usePermittedActions(entityRef: string): PermittedActions {
  const on = { resourceRef: entityRef };
  const scale = usePermission({
    permission: kubemateWorkloadScalePermission,
    ...on,
  });
  const restart = usePermission({
    permission: kubemateWorkloadRestartPermission,
    ...on,
  });
  const rollback = usePermission({
    permission: kubemateWorkloadRollbackPermission,
    ...on,
  });
  const deletePod = usePermission({
    permission: kubemateWorkloadDeletePodPermission,
    ...on,
  });
  const logs = usePermission({
    permission: kubemateWorkloadLogsPermission,
    ...on,
  });
  const trigger = usePermission({
    permission: kubemateWorkloadTriggerPermission,
    ...on,
  });
  const yamlApply = usePermission({
    permission: kubemateWorkloadYamlApplyPermission,
    ...on,
  });
  const hpaUpdate = usePermission({
    permission: kubemateWorkloadHpaUpdatePermission,
    ...on,
  });
  const cronJobUpdate = usePermission({
    permission: kubemateWorkloadCronJobUpdatePermission,
    ...on,
  });
  return {
    hpaUpdate: hpaUpdate.allowed,
    cronJobUpdate: cronJobUpdate.allowed,
    yamlApply: yamlApply.allowed,
    scale: scale.allowed,
    restart: restart.allowed,
    rollback: rollback.allowed,
    deletePod: deletePod.allowed,
    logs: logs.allowed,
    trigger: trigger.allowed,
  };
}
