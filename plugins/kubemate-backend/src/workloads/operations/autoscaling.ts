import { ConflictError } from '@backstage/errors';
import {
  autoscalingParamsSchema,
  kubemateWorkloadHpaUpdatePermission,
  type AutoscalingParams,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';
import type { WorkloadAction } from '@kubemate/plugin-kubemate-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { FIELD_MANAGER, PatchStrategy } from './kubeClients';
import { patchObject, ref } from './patchObject';

/** An autoscaling/v2 metric, as far as these actions read it. */
interface Metric {
  type?: string;
  resource?: {
    name?: string;
    target?: { type?: string; averageUtilization?: number };
  };
}

type Hpa = KubeObject & {
  spec?: {
    scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
    metrics?: Metric[];
  };
};

const RESOURCES = [
  ['cpu', 'cpuUtilization'],
  ['memory', 'memoryUtilization'],
] as const;

const utilisation = (name: string, percent: number): Metric => ({
  type: 'Resource',
  resource: {
    name,
    target: { type: 'Utilization', averageUtilization: percent },
  },
});

/**
 * The HPA's metrics with the CPU and memory utilisation targets of `params`: a number sets the
 * resource's target (replacing any other target on that resource), null removes a utilisation
 * target, absent leaves the resource alone. Other metrics (custom, external, AverageValue
 * targets nobody asked to change) are kept in their order.
 */
export function metricsWith(
  current: Metric[],
  params: AutoscalingParams,
): Metric[] {
  let metrics = [...current];
  for (const [name, key] of RESOURCES) {
    const value = params[key];
    if (value === undefined) continue;
    const isResource = (m: Metric) =>
      m.type === 'Resource' && m.resource?.name === name;
    metrics = metrics.filter(m =>
      value === null
        ? !(isResource(m) && m.resource?.target?.type === 'Utilization')
        : !isResource(m),
    );
    if (value !== null) metrics.push(utilisation(name, value));
  }
  return metrics;
}

/**
 * `autoscale`, as `kubectl autoscale`: gives a Deployment or StatefulSet of the entity an
 * autoscaling/v2 HPA of the same name and labels (so the entity's mapping selects it too). A
 * workload that already has one is a 409: its HPA is edited with `set-autoscaling` instead.
 */
export const autoscale: WorkloadAction<AutoscalingParams> = {
  name: 'autoscale',
  permission: kubemateWorkloadHpaUpdatePermission,
  kinds: ['Deployment', 'StatefulSet'],
  params: autoscalingParamsSchema,
  async run(ctx, params) {
    const { name, namespace } = ref(ctx.target);
    const existing = (ctx.resources.horizontalpodautoscalers as Hpa[]).find(
      h =>
        h.metadata.namespace === namespace &&
        h.spec?.scaleTargetRef?.kind === ctx.target.kind &&
        h.spec?.scaleTargetRef?.name === name,
    );
    if (existing) {
      throw new ConflictError(
        `${ctx.target.kind} ${namespace}/${name} is already scaled by HorizontalPodAutoscaler ${existing.metadata.name}; edit that one`,
      );
    }
    return ctx.clients.objects.create(
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace, labels: ctx.target.metadata.labels },
        spec: {
          scaleTargetRef: {
            apiVersion: ctx.target.apiVersion,
            kind: ctx.target.kind,
            name,
          },
          minReplicas: params.minReplicas,
          maxReplicas: params.maxReplicas,
          metrics: metricsWith([], params),
        },
      } as KubeObject as unknown as KubernetesObject,
      undefined,
      undefined,
      FIELD_MANAGER,
    );
  },
};

/** `set-autoscaling`: an HPA's bounds and its CPU and memory utilisation targets. */
export const setAutoscaling: WorkloadAction<AutoscalingParams> = {
  name: 'set-autoscaling',
  permission: kubemateWorkloadHpaUpdatePermission,
  kinds: ['HorizontalPodAutoscaler'],
  params: autoscalingParamsSchema,
  run(ctx, params) {
    const hpa = ctx.target as Hpa;
    return patchObject(
      ctx,
      {
        // Sent along, so a change since the action read the HPA is refused by the API server.
        metadata: {
          ...ref(ctx.target),
          resourceVersion: ctx.target.metadata.resourceVersion,
        },
        spec: {
          minReplicas: params.minReplicas,
          maxReplicas: params.maxReplicas,
          // A merge patch replaces the list as a whole: the other metrics are in it.
          metrics: metricsWith(hpa.spec?.metrics ?? [], params),
        },
      },
      PatchStrategy.MergePatch,
    );
  },
};
