/** A Kubernetes resource Kubemate watches for entity pages. */
export interface WorkloadResource {
  plural: string;
  kind: string;
  apiVersion: string;
}

/** What the Workloads tab shows, as data: the watch cache and the API are built from it. */
export const WORKLOAD_RESOURCES = [
  { plural: 'deployments', kind: 'Deployment', apiVersion: 'apps/v1' },
  { plural: 'statefulsets', kind: 'StatefulSet', apiVersion: 'apps/v1' },
  { plural: 'daemonsets', kind: 'DaemonSet', apiVersion: 'apps/v1' },
  { plural: 'replicasets', kind: 'ReplicaSet', apiVersion: 'apps/v1' },
  { plural: 'pods', kind: 'Pod', apiVersion: 'v1' },
  { plural: 'jobs', kind: 'Job', apiVersion: 'batch/v1' },
  { plural: 'cronjobs', kind: 'CronJob', apiVersion: 'batch/v1' },
  { plural: 'services', kind: 'Service', apiVersion: 'v1' },
  { plural: 'endpoints', kind: 'Endpoints', apiVersion: 'v1' },
  { plural: 'configmaps', kind: 'ConfigMap', apiVersion: 'v1' },
  { plural: 'secrets', kind: 'Secret', apiVersion: 'v1' },
  {
    plural: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    apiVersion: 'v1',
  },
  {
    plural: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
  },
  { plural: 'events', kind: 'Event', apiVersion: 'v1' },
] as const satisfies readonly WorkloadResource[];

export type WorkloadPlural = (typeof WORKLOAD_RESOURCES)[number]['plural'];
