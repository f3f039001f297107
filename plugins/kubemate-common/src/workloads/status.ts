import type { KubeObject } from './types';

/** How a workload is doing, in the terms the Workloads tab shows. */
export interface WorkloadSummary {
  kind: string;
  name: string;
  namespace: string;
  /** Ready replicas / desired replicas (pods for a DaemonSet, completions for a Job). */
  ready: number;
  desired: number;
  /** Replicas already on the newest template. */
  updated: number;
  health: 'healthy' | 'progressing' | 'degraded' | 'suspended';
  images: string[];
  createdAt?: string;
}

type Spec = {
  replicas?: number;
  paused?: boolean;
  suspend?: boolean;
  completions?: number;
  template?: { spec?: { containers?: Array<{ image?: string }> } };
  jobTemplate?: {
    spec?: { template?: { spec?: { containers?: Array<{ image?: string }> } } };
  };
};
type Status = Record<string, number | undefined>;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Kinds that roll out new pod templates: they restart, keep a history and roll back. */
export const ROLLOUT_KINDS: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
];

export function summarizeWorkload(o: KubeObject): WorkloadSummary {
  const spec = (o.spec ?? {}) as Spec;
  const status = (o.status ?? {}) as Status;
  const podSpec = spec.template?.spec ?? spec.jobTemplate?.spec?.template?.spec;
  const base = {
    kind: o.kind,
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? '',
    images: (podSpec?.containers ?? []).map(c => c.image ?? '').filter(Boolean),
    createdAt: o.metadata.creationTimestamp,
  };
  let ready = 0;
  let desired = 0;
  let updated = 0;
  switch (o.kind) {
    case 'DaemonSet':
      desired = num(status.desiredNumberScheduled);
      ready = num(status.numberReady);
      updated = num(status.updatedNumberScheduled);
      break;
    case 'Job':
      desired = spec.completions ?? 1;
      ready = num(status.succeeded);
      updated = desired;
      break;
    case 'CronJob':
      return {
        ...base,
        ready: 0,
        desired: 0,
        updated: 0,
        health: spec.suspend ? 'suspended' : 'healthy',
      };
    default:
      desired = spec.replicas ?? 1;
      ready = num(status.readyReplicas);
      updated = num(status.updatedReplicas);
  }
  let health: WorkloadSummary['health'];
  if (spec.paused || spec.suspend) health = 'suspended';
  else if (ready >= desired && updated >= desired) health = 'healthy';
  else if (o.kind === 'Job' && num(status.failed) > 0) health = 'degraded';
  else if (ready < desired && updated >= desired && o.kind !== 'Job')
    health = 'degraded';
  else health = 'progressing';
  return { ...base, ready, desired, updated, health };
}

/** Restarts of all containers of the pods. */
export function podRestarts(pods: KubeObject[]): number {
  return pods.reduce((sum, p) => {
    const statuses =
      (p.status as { containerStatuses?: Array<{ restartCount?: number }> })
        ?.containerStatuses ?? [];
    return sum + statuses.reduce((s, c) => s + (c.restartCount ?? 0), 0);
  }, 0);
}

/**
 * The pods a workload controls, following ownerReferences through ReplicaSets (Deployments)
 * and Jobs (CronJobs).
 */
export function podsOfWorkload(
  workload: KubeObject,
  resources: {
    pods: KubeObject[];
    replicasets: KubeObject[];
    jobs: KubeObject[];
  },
): KubeObject[] {
  const owners = new Set<string>([workload.metadata.uid ?? '']);
  for (const middle of [...resources.replicasets, ...resources.jobs]) {
    if (middle.metadata.ownerReferences?.some(r => owners.has(r.uid))) {
      owners.add(middle.metadata.uid ?? '');
    }
  }
  owners.delete('');
  return resources.pods.filter(p =>
    p.metadata.ownerReferences?.some(r => owners.has(r.uid)),
  );
}
