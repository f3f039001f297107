import { RESOURCE_TYPES, type RegisteredResource } from '../resources';

/** A Kubernetes resource Kubemate watches for entity pages. */
export interface WorkloadResource {
  plural: string;
  kind: string;
  apiVersion: string;
}

type WorkloadEntry = Extract<RegisteredResource, { workload: true }>;

/**
 * What the Workloads tab shows: the registry's workload entries, in its order. The watch cache
 * and the API are built from it.
 */
export const WORKLOAD_RESOURCES: readonly WorkloadEntry[] =
  RESOURCE_TYPES.filter(
    (r): r is WorkloadEntry => 'workload' in r && r.workload === true,
  );

export type WorkloadPlural = WorkloadEntry['plural'];
