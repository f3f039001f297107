import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { durationBetween } from './durations';

type Job = KubeObject & {
  spec?: { completions?: number; parallelism?: number };
  status?: {
    active?: number;
    succeeded?: number;
    failed?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: Array<{ type: string; status: string; reason?: string }>;
  };
};

export type CronJob = KubeObject & {
  spec?: { schedule?: string; timeZone?: string; suspend?: boolean };
  status?: {
    active?: Array<{ name?: string; uid?: string }>;
    lastScheduleTime?: string;
    lastSuccessfulTime?: string;
  };
};

/** Objects controlled by `owner` (ownerReferences by uid). */
export function ownedBy(
  owner: KubeObject,
  objects: KubeObject[],
): KubeObject[] {
  const uid = owner.metadata.uid;
  if (!uid) return [];
  return objects.filter(o =>
    o.metadata.ownerReferences?.some(r => r.uid === uid),
  );
}

/** Complete, Failed (from the Job's conditions), Running or Pending. */
export function jobState(job: KubeObject): string {
  const status = (job as Job).status ?? {};
  const done = (status.conditions ?? []).find(
    c => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  if (done) return done.type;
  if (
    status.conditions?.some(c => c.type === 'Suspended' && c.status === 'True')
  )
    return 'Suspended';
  return (status.active ?? 0) > 0 ? 'Running' : 'Pending';
}

export interface JobRow {
  id: string;
  name: string;
  namespace: string;
  state: string;
  active: number;
  succeeded: number;
  failed: number;
  /** "succeeded/completions", as kubectl shows it. */
  completions: string;
  start?: string;
  completion?: string;
  /** Milliseconds from start to completion, or to now while running. */
  duration?: number;
  owner?: string;
  object: KubeObject;
}

export function jobRow(job: KubeObject, now = Date.now()): JobRow {
  const { spec = {}, status = {} } = job as Job;
  const owner =
    job.metadata.ownerReferences?.find(r => r.controller) ??
    job.metadata.ownerReferences?.[0];
  return {
    id: job.metadata.uid ?? job.metadata.name,
    name: job.metadata.name,
    namespace: job.metadata.namespace ?? '',
    state: jobState(job),
    active: status.active ?? 0,
    succeeded: status.succeeded ?? 0,
    failed: status.failed ?? 0,
    completions: `${status.succeeded ?? 0}/${spec.completions ?? 1}`,
    start: status.startTime,
    completion: status.completionTime,
    duration: durationBetween(status.startTime, status.completionTime, now),
    owner: owner ? `${owner.kind}/${owner.name}` : undefined,
    object: job,
  };
}
