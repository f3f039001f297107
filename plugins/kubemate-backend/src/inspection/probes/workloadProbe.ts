import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import crypto from 'node:crypto';
import { describeKubeError } from '../fetchClusterObjects';

export interface WorkloadProbeOptions {
  namespace: string;
  image: string;
  timeoutMs: number;
  /** Polling interval (default 500 ms). */
  pollMs?: number;
  signal?: AbortSignal;
}

/** What happened to the probe pod. `error`: the probe could not run (e.g. no permission). */
export type WorkloadProbeOutcome =
  | { status: 'passed'; readyMs: number; deletedMs: number; pod: string }
  | {
      status: 'failed';
      stage: 'ready' | 'delete';
      reason: string;
      pod: string;
      readyMs?: number;
    }
  | { status: 'error'; error: string };

export const PROBE_LABEL = 'kubemate.io/probe';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const statusCode = (e: unknown) =>
  (e as { code?: number; statusCode?: number })?.code ??
  (e as { statusCode?: number })?.statusCode;

function probePod(
  name: string,
  namespace: string,
  image: string,
  deadlineS: number,
): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: {
        [PROBE_LABEL]: 'workload-lifecycle',
        'app.kubernetes.io/managed-by': 'kubemate',
      },
    },
    spec: {
      restartPolicy: 'Never',
      // Even if Kubemate dies mid-probe the pod does not outlive the probe by much.
      activeDeadlineSeconds: deadlineS,
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

/** Why a pod is not Ready yet, from its phase, conditions and container states. */
function notReadyReason(pod: V1Pod | undefined): string {
  if (!pod) return 'pod not found';
  const waiting = pod.status?.containerStatuses
    ?.map(c => c.state?.waiting?.reason)
    .find(Boolean);
  const unscheduled = pod.status?.conditions?.find(
    c => c.type === 'PodScheduled' && c.status === 'False',
  );
  return [
    `phase ${pod.status?.phase ?? 'unknown'}`,
    waiting,
    unscheduled
      ? `unschedulable: ${unscheduled.message ?? unscheduled.reason}`
      : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

const isReady = (pod: V1Pod) =>
  !!pod.status?.conditions?.some(
    c => c.type === 'Ready' && c.status === 'True',
  );

/**
 * Creates a probe pod, waits (bounded) for it to become Ready, deletes it and waits (bounded)
 * for it to disappear. The pod is deleted on every path once it was created.
 */
export async function runWorkloadProbe(
  api: CoreV1Api,
  options: WorkloadProbeOptions,
): Promise<WorkloadProbeOutcome> {
  const { namespace, timeoutMs } = options;
  const pollMs = options.pollMs ?? 500;
  const name = `kubemate-probe-${crypto.randomBytes(4).toString('hex')}`;
  const deadlineS = Math.ceil((2 * timeoutMs) / 1000) + 30;
  const aborted = () => options.signal?.aborted ?? false;

  try {
    await api.createNamespacedPod({
      namespace,
      body: probePod(name, namespace, options.image, deadlineS),
    });
  } catch (e) {
    return {
      status: 'error',
      error: `cannot create probe pod in namespace ${namespace}: ${describeKubeError(
        e,
      )}`,
    };
  }

  const started = Date.now();
  let last: V1Pod | undefined;
  let readyMs: number | undefined;
  let failure: string | undefined;
  try {
    while (readyMs === undefined && !failure) {
      try {
        last = await api.readNamespacedPod({ name, namespace });
      } catch (e) {
        if (statusCode(e) !== 404) throw e;
        last = undefined;
      }
      if (last && isReady(last)) readyMs = Date.now() - started;
      else if (
        last?.status?.phase === 'Failed' ||
        last?.status?.phase === 'Succeeded'
      ) {
        failure = `pod ended (${notReadyReason(last)}) before becoming Ready`;
      } else if (Date.now() - started >= timeoutMs || aborted()) {
        failure = `not Ready after ${Math.round(
          timeoutMs / 1000,
        )} s (${notReadyReason(last)})`;
      } else {
        await sleep(pollMs);
      }
    }
  } catch (e) {
    failure = `reading the probe pod failed: ${describeKubeError(e)}`;
  }

  // Delete whatever happened above, then wait for the pod to be gone.
  const deleteStarted = Date.now();
  let deleteFailure: string | undefined;
  try {
    await api.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 });
    for (;;) {
      try {
        await api.readNamespacedPod({ name, namespace });
      } catch (e) {
        if (statusCode(e) === 404) break;
        throw e;
      }
      if (Date.now() - deleteStarted >= timeoutMs) {
        deleteFailure = `still present ${Math.round(
          timeoutMs / 1000,
        )} s after deletion`;
        break;
      }
      await sleep(pollMs);
    }
  } catch (e) {
    if (statusCode(e) !== 404) {
      deleteFailure = `deleting the probe pod failed: ${describeKubeError(e)}`;
    }
  }

  if (failure)
    return { status: 'failed', stage: 'ready', reason: failure, pod: name };
  if (deleteFailure) {
    return {
      status: 'failed',
      stage: 'delete',
      reason: deleteFailure,
      pod: name,
      readyMs,
    };
  }
  return {
    status: 'passed',
    readyMs: readyMs!,
    deletedMs: Date.now() - deleteStarted,
    pod: name,
  };
}
