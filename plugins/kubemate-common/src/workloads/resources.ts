import {
  RESOURCE_TYPES,
  type RegisteredResource,
  type ResourceType,
} from '../resources';

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

/** Namespaces, watched beside the workloads: their owner labels decide what an entity may map. */
export const NAMESPACE_RESOURCE = RESOURCE_TYPES.find(
  r => r.plural === 'namespaces',
)!;

/** What an entity page's answer is built from: the workload kinds and the namespaces. */
export const ENTITY_VIEW_RESOURCES: readonly ResourceType[] = [
  ...WORKLOAD_RESOURCES,
  NAMESPACE_RESOURCE,
];

/** A kind whose changes can alter an entity page's answer. */
export type EntityViewPlural = WorkloadPlural | 'namespaces';
