import type {
  V1Deployment,
  V1Pod,
  V1PodTemplateSpec,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { DEFAULT_PROBE_IMAGE } from '../../inspection/probes/config';
import { probeMetadata, statusCode, waitFor, type ProbeContext } from './steps';

type Workload = V1Deployment | V1StatefulSet;

/** The pod of a probe workload: the smallest, most locked-down thing that can become Ready. */
function podTemplate(
  labels: Record<string, string>,
  image: string,
): V1PodTemplateSpec {
  return {
    metadata: { labels },
    spec: {
      terminationGracePeriodSeconds: 0,
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 65535 },
      containers: [
        {
          name: 'probe',
          image,
          imagePullPolicy: 'IfNotPresent',
          resources: {
            requests: { cpu: '10m', memory: '16Mi' },
            limits: { cpu: '50m', memory: '32Mi' },
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
    },
  };
}

/** Why the probe's pods are not Ready: phases, waiting reasons, unschedulable conditions. */
export function podProblems(pods: V1Pod[]): string | undefined {
  const reasons = new Set<string>();
  for (const pod of pods) {
    for (const c of pod.status?.containerStatuses ?? []) {
      const waiting = c.state?.waiting;
      if (waiting?.reason)
        reasons.add(
          `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`,
        );
    }
    const unscheduled = pod.status?.conditions?.find(
      c => c.type === 'PodScheduled' && c.status === 'False',
    );
    if (unscheduled)
      reasons.add(
        `unschedulable: ${unscheduled.message ?? unscheduled.reason}`,
      );
  }
  if (!pods.length) return 'no pod created';
  return (
    [...reasons].join('; ') ||
    `pods ${pods.map(p => p.status?.phase).join(', ')}`
  );
}

/**
 * Workload lifecycle: creates a Deployment (or StatefulSet) in the probe's namespace, waits
 * until it is Ready, scales it and waits again, deletes it and waits until it is gone. The
 * workload is deleted on every path once it was created.
 */
export async function workloadLifecycle(ctx: ProbeContext): Promise<string> {
  const def = ctx.definition;
  if (def.type !== 'workload-lifecycle') throw new Error('wrong probe type');
  const { workload, scaleTo } = def.params;
  const image = def.params.image ?? DEFAULT_PROBE_IMAGE;
  const namespace = def.namespace;
  const name = ctx.runName;
  const { apps, core } = ctx.clients;
  const meta = probeMetadata(ctx, name);
  const selector = { 'kubemate.io/probe-pod': name };
  const labels = { ...meta.labels, ...selector };
  const spec = {
    replicas: 1,
    selector: { matchLabels: selector },
    template: podTemplate(labels, image),
  };
  ctx.objects.add(`${workload}/${name}`);

  const api = {
    create: () =>
      workload === 'Deployment'
        ? apps.createNamespacedDeployment({
            namespace,
            body: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: meta,
              spec,
            },
          })
        : apps.createNamespacedStatefulSet({
            namespace,
            body: {
              apiVersion: 'apps/v1',
              kind: 'StatefulSet',
              metadata: meta,
              spec: { ...spec, serviceName: name },
            },
          }),
    read: (): Promise<Workload> =>
      workload === 'Deployment'
        ? apps.readNamespacedDeployment({ name, namespace })
        : apps.readNamespacedStatefulSet({ name, namespace }),
    scale: (replicas: number) => {
      const body = { metadata: { name, namespace }, spec: { replicas } };
      return workload === 'Deployment'
        ? apps.replaceNamespacedDeploymentScale({ name, namespace, body })
        : apps.replaceNamespacedStatefulSetScale({ name, namespace, body });
    },
    delete: () =>
      workload === 'Deployment'
        ? apps.deleteNamespacedDeployment({
            name,
            namespace,
            propagationPolicy: 'Background',
            gracePeriodSeconds: 0,
          })
        : apps.deleteNamespacedStatefulSet({
            name,
            namespace,
            propagationPolicy: 'Background',
            gracePeriodSeconds: 0,
          }),
  };
  const pods = async () =>
    (
      await core.listNamespacedPod({
        namespace,
        labelSelector: `kubemate.io/probe-pod=${name}`,
      })
    ).items;
  const ready = (replicas: number) => async () => {
    const w = await api.read();
    return (w.status?.readyReplicas ?? 0) >= replicas &&
      (w.status?.observedGeneration ?? 0) >= (w.metadata?.generation ?? 0)
      ? w
      : undefined;
  };
  const why = async () => podProblems(await pods());

  await ctx.steps.step(`create ${workload}`, api.create);
  let failure: unknown;
  try {
    await ctx.steps.step('wait Ready', () =>
      waitFor(ctx, 'Ready', ready(1), why),
    );
    await ctx.steps.step(`scale to ${scaleTo}`, async () => {
      await api.scale(scaleTo);
      await waitFor(ctx, `Ready with ${scaleTo} replicas`, ready(scaleTo), why);
    });
  } catch (e) {
    failure = e;
  }
  // Deleted whatever happened, within its own bound (a failed run still cleans up).
  const deleteBound = {
    ...ctx,
    deadline: Math.max(ctx.deadline, Date.now() + 10_000),
  };
  await ctx.steps.step(`delete ${workload}`, async () => {
    try {
      await api.delete();
    } catch (e) {
      if (statusCode(e) !== 404) throw e;
    }
    await waitFor(deleteBound, 'gone', async () => {
      try {
        await api.read();
        return undefined;
      } catch (e) {
        if (statusCode(e) === 404) return true;
        throw e;
      }
    });
  });
  if (failure) throw failure;
  return `${workload} became Ready, scaled to ${scaleTo} and was deleted`;
}
