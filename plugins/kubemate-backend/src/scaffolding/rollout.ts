import type { KubernetesObject } from '@kubernetes/client-node';
import type { RelatedEvent } from '@kubemate/plugin-kubemate-common';
import type { RawObjectApi } from '../kube/RawObjectApi';

/** The kinds whose rollout an apply waits for. */
export const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet']);

type Workload = KubernetesObject & {
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
  };
};

/** A workload's progress as its controller reports it. */
export function rolloutOf(w: Workload) {
  const desired = w.spec?.replicas ?? 1;
  const ready = w.status?.readyReplicas ?? 0;
  const updated = w.status?.updatedReplicas ?? 0;
  const observed =
    (w.status?.observedGeneration ?? 0) >= (w.metadata?.generation ?? 0);
  return {
    kind: w.kind ?? '',
    name: w.metadata?.name ?? '',
    desired,
    ready,
    updated,
    // Old pods still around count in status.replicas: done only when they are gone.
    done:
      observed &&
      updated >= desired &&
      ready >= desired &&
      (w.status?.replicas ?? 0) <= desired,
  };
}

/**
 * Polls the workloads until each has rolled out or the deadline passes; the last progress of
 * each either way.
 */
export async function waitForRollout(
  raw: RawObjectApi,
  workloads: KubernetesObject[],
  timeoutMs: number,
  pollMs = 1000,
): Promise<{ done: boolean; workloads: ReturnType<typeof rolloutOf>[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await Promise.all(
      workloads.map(async w =>
        rolloutOf(
          (await raw.read({
            apiVersion: w.apiVersion!,
            kind: w.kind!,
            metadata: {
              name: w.metadata!.name!,
              namespace: w.metadata!.namespace,
            },
          })) as Workload,
        ),
      ),
    );
    if (now.every(w => w.done)) return { done: true, workloads: now };
    if (Date.now() + pollMs > deadline) return { done: false, workloads: now };
    await new Promise(resolve => setTimeout(resolve, pollMs));
  }
}

/**
 * Warning events of the workloads, their ReplicaSets and their pods (pods found by the
 * workload's selector; ReplicaSets by owner), most frequent first: image pulls, scheduling,
 * quota refusals are reported on these.
 */
export async function relatedEvents(
  raw: RawObjectApi,
  namespace: string,
  workloads: KubernetesObject[],
  limit = 30,
): Promise<RelatedEvent[]> {
  const names = new Set<string>();
  const uids = new Set<string>();
  for (const w of workloads) {
    names.add(`${w.kind}/${w.metadata?.name}`);
    if (w.metadata?.uid) uids.add(w.metadata.uid);
  }
  const list = async (apiVersion: string, kind: string, labels?: string) =>
    (
      await raw.list(
        apiVersion,
        kind,
        namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        labels,
      )
    ).items;
  for (const rs of await list('apps/v1', 'ReplicaSet')) {
    if (rs.metadata?.ownerReferences?.some(r => uids.has(r.uid))) {
      names.add(`ReplicaSet/${rs.metadata?.name}`);
    }
  }
  for (const w of workloads as Workload[]) {
    const match = w.spec?.selector?.matchLabels;
    if (!match || Object.keys(match).length === 0) continue;
    const selector = Object.entries(match)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    for (const pod of await list('v1', 'Pod', selector)) {
      names.add(`Pod/${pod.metadata?.name}`);
    }
  }
  const events = (await list('v1', 'Event')) as Array<
    KubernetesObject & {
      type?: string;
      reason?: string;
      message?: string;
      count?: number;
      involvedObject?: { kind?: string; name?: string };
    }
  >;
  return events
    .filter(
      e =>
        e.type === 'Warning' &&
        names.has(`${e.involvedObject?.kind}/${e.involvedObject?.name}`),
    )
    .map(e => ({
      type: e.type ?? 'Warning',
      reason: e.reason ?? '',
      message: e.message ?? '',
      kind: e.involvedObject?.kind ?? '',
      name: e.involvedObject?.name ?? '',
      count: e.count ?? 1,
    }))
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
}
