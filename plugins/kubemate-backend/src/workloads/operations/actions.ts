import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  kubemateWorkloadCronJobUpdatePermission,
  kubemateWorkloadDeletePodPermission,
  kubemateWorkloadRestartPermission,
  kubemateWorkloadRollbackPermission,
  kubemateWorkloadScalePermission,
  kubemateWorkloadTriggerPermission,
  ROLLOUT_KINDS,
  scheduleParamsSchema,
  type KubeObject,
  type ScheduleParams,
} from '@kubemate/plugin-kubemate-common';
import { z } from 'zod';
import type { WorkloadAction } from '@kubemate/plugin-kubemate-node';
import { autoscale, setAutoscaling } from './autoscaling';
import { FIELD_MANAGER, patchAs, PatchStrategy } from './kubeClients';
import { patchObject, ref } from './patchObject';
import {
  controllerRevisions,
  deploymentTemplateAt,
  ownedReplicaSets,
} from './rollout';

const noParams = z.object({}).strict();
const merge = patchAs(PatchStrategy.MergePatch);

const scale: WorkloadAction<{ replicas: number }> = {
  name: 'scale',
  permission: kubemateWorkloadScalePermission,
  kinds: ['Deployment', 'StatefulSet', 'ReplicaSet'],
  params: z.object({ replicas: z.number().int().min(0).max(1000) }).strict(),
  async run(ctx, { replicas }) {
    const body = { spec: { replicas } };
    const args = { ...ref(ctx.target), body, fieldManager: FIELD_MANAGER };
    // The scale subresource, as `kubectl scale` uses: it never touches the rest of the spec.
    switch (ctx.target.kind) {
      case 'Deployment':
        await ctx.clients.apps.patchNamespacedDeploymentScale(args, merge);
        break;
      case 'StatefulSet':
        await ctx.clients.apps.patchNamespacedStatefulSetScale(args, merge);
        break;
      default:
        await ctx.clients.apps.patchNamespacedReplicaSetScale(args, merge);
    }
    return ctx.clients.objects.read({
      apiVersion: ctx.target.apiVersion,
      kind: ctx.target.kind,
      metadata: ref(ctx.target),
    });
  },
};

const restart: WorkloadAction<{}> = {
  name: 'restart',
  permission: kubemateWorkloadRestartPermission,
  kinds: [...ROLLOUT_KINDS],
  params: noParams,
  run: ctx =>
    // Same annotation as `kubectl rollout restart`, so both tools agree on what happened.
    patchObject(
      ctx,
      {
        spec: {
          template: {
            metadata: {
              annotations: {
                'kubectl.kubernetes.io/restartedAt': new Date().toISOString(),
              },
            },
          },
        },
      },
      PatchStrategy.StrategicMergePatch,
    ),
};

const rollback: WorkloadAction<{ revision: number }> = {
  name: 'rollback',
  permission: kubemateWorkloadRollbackPermission,
  kinds: [...ROLLOUT_KINDS],
  params: z.object({ revision: z.number().int().min(1) }).strict(),
  async run(ctx, { revision }) {
    if (ctx.target.kind === 'Deployment') {
      // The revisions as the API server has them now, not as the watch cache last saw them.
      const template = deploymentTemplateAt(
        ctx.target,
        await ownedReplicaSets(ctx.clients, ctx.target),
        revision,
      );
      // What `kubectl rollout undo` sends: replace the whole template.
      return ctx.clients.apps.patchNamespacedDeployment(
        {
          ...ref(ctx.target),
          body: [{ op: 'replace', path: '/spec/template', value: template }],
          fieldManager: FIELD_MANAGER,
        },
        patchAs(PatchStrategy.JsonPatch),
      );
    }
    const { raw } = await controllerRevisions(ctx.clients, ctx.target);
    const found = raw.find(r => r.revision === revision);
    if (!found?.data) {
      throw new InputError(
        `${ctx.target.kind} ${ctx.target.metadata.namespace}/${ctx.target.metadata.name} has no revision ${revision}`,
      );
    }
    // A ControllerRevision stores a strategic patch of the spec template.
    return patchObject(ctx, found.data, PatchStrategy.StrategicMergePatch);
  },
};

const pauseOrResume = (paused: boolean): WorkloadAction<{}> => ({
  name: paused ? 'pause' : 'resume',
  permission: kubemateWorkloadRollbackPermission,
  kinds: ['Deployment'],
  params: noParams,
  run: ctx => patchObject(ctx, { spec: { paused } }, PatchStrategy.MergePatch),
});

const deletePod: WorkloadAction<{}> = {
  name: 'delete-pod',
  permission: kubemateWorkloadDeletePodPermission,
  kinds: ['Pod'],
  params: noParams,
  async run(ctx) {
    await ctx.clients.core.deleteNamespacedPod(ref(ctx.target));
    return undefined;
  },
};

const trigger: WorkloadAction<{}> = {
  name: 'trigger',
  permission: kubemateWorkloadTriggerPermission,
  kinds: ['CronJob'],
  params: noParams,
  run(ctx) {
    const cronJob = ctx.target as KubeObject & {
      spec?: { jobTemplate?: { metadata?: object; spec?: object } };
    };
    // Job names are DNS labels (63 chars); keep the CronJob's name recognisable.
    const suffix = `-manual-${Math.floor(Date.now() / 1000).toString(36)}`;
    const name = `${cronJob.metadata.name.slice(
      0,
      63 - suffix.length,
    )}${suffix}`;
    return ctx.clients.batch.createNamespacedJob({
      namespace: ref(ctx.target).namespace,
      fieldManager: FIELD_MANAGER,
      body: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name,
          namespace: ref(ctx.target).namespace,
          // Same annotation as `kubectl create job --from=cronjob/...`.
          annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
          labels: cronJob.metadata.labels,
          ownerReferences: [
            {
              apiVersion: 'batch/v1',
              kind: 'CronJob',
              name: cronJob.metadata.name,
              uid: cronJob.metadata.uid ?? '',
              controller: true,
            },
          ],
        },
        spec: cronJob.spec?.jobTemplate?.spec as never,
      },
    });
  },
};

const suspendOrUnsuspend = (suspend: boolean): WorkloadAction<{}> => ({
  name: suspend ? 'suspend' : 'unsuspend',
  permission: kubemateWorkloadCronJobUpdatePermission,
  kinds: ['CronJob'],
  params: noParams,
  // Jobs already running go on; a suspended CronJob only starts no new ones.
  run: ctx => patchObject(ctx, { spec: { suspend } }, PatchStrategy.MergePatch),
});

const schedule: WorkloadAction<ScheduleParams> = {
  name: 'schedule',
  permission: kubemateWorkloadCronJobUpdatePermission,
  kinds: ['CronJob'],
  params: scheduleParamsSchema,
  run: (ctx, { schedule: expression, timeZone }) =>
    patchObject(
      ctx,
      // A null timeZone removes the field (merge patch); an absent one leaves it as it is.
      {
        spec: {
          schedule: expression,
          ...(timeZone !== undefined ? { timeZone } : {}),
        },
      },
      PatchStrategy.MergePatch,
    ),
};

/** The built-in mutations the Workloads tab offers. */
export const BUILTIN_WORKLOAD_ACTIONS: WorkloadAction<any>[] = [
  scale,
  restart,
  rollback,
  pauseOrResume(true),
  pauseOrResume(false),
  deletePod,
  trigger,
  suspendOrUnsuspend(true),
  suspendOrUnsuspend(false),
  schedule,
  autoscale,
  setAutoscaling,
];

const ACTION_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Workload actions by the name used in the API: the built-ins plus those modules add. */
export class WorkloadActions {
  private readonly byName = new Map<string, WorkloadAction<any>>();

  constructor(actions: WorkloadAction<any>[] = BUILTIN_WORKLOAD_ACTIONS) {
    for (const action of actions) this.add(action);
  }

  /** Refuses a name that is taken or malformed: one name, one behaviour. */
  add(action: WorkloadAction<any>): void {
    if (!ACTION_NAME.test(action.name)) {
      throw new InputError(
        `Workload action name '${action.name}' must be lower case letters, digits and '-'`,
      );
    }
    if (this.byName.has(action.name)) {
      throw new ConflictError(
        `Workload action '${action.name}' is already registered`,
      );
    }
    this.byName.set(action.name, action);
  }

  /** The action, or a `NotFoundError` listing the known names. */
  get(name: string): WorkloadAction<any> {
    const action = this.byName.get(name);
    if (!action) {
      throw new NotFoundError(
        `Unknown workload action '${name}'; one of: ${this.names().join(', ')}`,
      );
    }
    return action;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}
