/**
 * A kind of Kubernetes object Kubemate reads: where the API server serves it and whether a
 * cluster may lack it. One entry per group version; a kind served under several (an older API
 * version, a renamed group) has one entry per place, preferred first.
 */
export interface ResourceType {
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  /** `group/version`, or `version` for the core group, as objects carry it. */
  apiVersion: string;
  plural: string;
  namespaced: boolean;
  /** A CRD kind a cluster may not have installed: its absence is reported, never an error. */
  optional?: true;
  /** Shown on the Workloads tab and cached for entity pages. */
  workload?: true;
}

/** Every kind Kubemate knows. Workload kinds come first, in the order the Workloads tab uses. */
export const RESOURCE_TYPES = [
  // Workloads tab (watched and cached per cluster).
  {
    kind: 'Deployment',
    group: 'apps',
    version: 'v1',
    apiVersion: 'apps/v1',
    plural: 'deployments',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'StatefulSet',
    group: 'apps',
    version: 'v1',
    apiVersion: 'apps/v1',
    plural: 'statefulsets',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'DaemonSet',
    group: 'apps',
    version: 'v1',
    apiVersion: 'apps/v1',
    plural: 'daemonsets',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'ReplicaSet',
    group: 'apps',
    version: 'v1',
    apiVersion: 'apps/v1',
    plural: 'replicasets',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'Pod',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'pods',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'Job',
    group: 'batch',
    version: 'v1',
    apiVersion: 'batch/v1',
    plural: 'jobs',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'CronJob',
    group: 'batch',
    version: 'v1',
    apiVersion: 'batch/v1',
    plural: 'cronjobs',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'Service',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'services',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'Endpoints',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'endpoints',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'ConfigMap',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'configmaps',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'Secret',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'secrets',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'PersistentVolumeClaim',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'persistentvolumeclaims',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'HorizontalPodAutoscaler',
    group: 'autoscaling',
    version: 'v2',
    apiVersion: 'autoscaling/v2',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
    workload: true,
  },
  {
    kind: 'Event',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'events',
    namespaced: true,
    workload: true,
  },

  // Built-in kinds that inspection rules read.
  {
    kind: 'HorizontalPodAutoscaler',
    group: 'autoscaling',
    version: 'v1',
    apiVersion: 'autoscaling/v1',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
  },
  {
    kind: 'Namespace',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'namespaces',
    namespaced: false,
  },
  {
    kind: 'Node',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'nodes',
    namespaced: false,
  },
  {
    kind: 'ServiceAccount',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'serviceaccounts',
    namespaced: true,
  },
  {
    kind: 'PersistentVolume',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'persistentvolumes',
    namespaced: false,
  },
  {
    kind: 'ResourceQuota',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'resourcequotas',
    namespaced: true,
  },
  {
    kind: 'LimitRange',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    plural: 'limitranges',
    namespaced: true,
  },
  {
    kind: 'PodDisruptionBudget',
    group: 'policy',
    version: 'v1',
    apiVersion: 'policy/v1',
    plural: 'poddisruptionbudgets',
    namespaced: true,
  },
  {
    kind: 'NetworkPolicy',
    group: 'networking.k8s.io',
    version: 'v1',
    apiVersion: 'networking.k8s.io/v1',
    plural: 'networkpolicies',
    namespaced: true,
  },
  {
    kind: 'Ingress',
    group: 'networking.k8s.io',
    version: 'v1',
    apiVersion: 'networking.k8s.io/v1',
    plural: 'ingresses',
    namespaced: true,
  },
  {
    kind: 'IngressClass',
    group: 'networking.k8s.io',
    version: 'v1',
    apiVersion: 'networking.k8s.io/v1',
    plural: 'ingressclasses',
    namespaced: false,
  },
  {
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    version: 'v1',
    apiVersion: 'storage.k8s.io/v1',
    plural: 'storageclasses',
    namespaced: false,
  },
  // RBAC (read by the inspection rules about exec access and cluster-admin bindings).
  {
    kind: 'Role',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'roles',
    namespaced: true,
  },
  {
    kind: 'ClusterRole',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'clusterroles',
    namespaced: false,
  },
  {
    kind: 'RoleBinding',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'rolebindings',
    namespaced: true,
  },
  {
    kind: 'ClusterRoleBinding',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'clusterrolebindings',
    namespaced: false,
  },

  // Gateway API (CRDs).
  {
    kind: 'GatewayClass',
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    apiVersion: 'gateway.networking.k8s.io/v1',
    plural: 'gatewayclasses',
    namespaced: false,
    optional: true,
  },
  {
    kind: 'GatewayClass',
    group: 'gateway.networking.k8s.io',
    version: 'v1beta1',
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    plural: 'gatewayclasses',
    namespaced: false,
    optional: true,
  },
  {
    kind: 'Gateway',
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    apiVersion: 'gateway.networking.k8s.io/v1',
    plural: 'gateways',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'Gateway',
    group: 'gateway.networking.k8s.io',
    version: 'v1beta1',
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    plural: 'gateways',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'HTTPRoute',
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    apiVersion: 'gateway.networking.k8s.io/v1',
    plural: 'httproutes',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'HTTPRoute',
    group: 'gateway.networking.k8s.io',
    version: 'v1beta1',
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    plural: 'httproutes',
    namespaced: true,
    optional: true,
  },
  // Served as v1beta1 by Gateway API releases so far (and by the simulator's CRDs).
  {
    kind: 'ReferenceGrant',
    group: 'gateway.networking.k8s.io',
    version: 'v1beta1',
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    plural: 'referencegrants',
    namespaced: true,
    optional: true,
  },

  // Traefik (CRDs; traefik.containo.us is the group before Traefik v3).
  {
    kind: 'IngressRoute',
    group: 'traefik.io',
    version: 'v1alpha1',
    apiVersion: 'traefik.io/v1alpha1',
    plural: 'ingressroutes',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'IngressRoute',
    group: 'traefik.containo.us',
    version: 'v1alpha1',
    apiVersion: 'traefik.containo.us/v1alpha1',
    plural: 'ingressroutes',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'Middleware',
    group: 'traefik.io',
    version: 'v1alpha1',
    apiVersion: 'traefik.io/v1alpha1',
    plural: 'middlewares',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'Middleware',
    group: 'traefik.containo.us',
    version: 'v1alpha1',
    apiVersion: 'traefik.containo.us/v1alpha1',
    plural: 'middlewares',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'TLSOption',
    group: 'traefik.io',
    version: 'v1alpha1',
    apiVersion: 'traefik.io/v1alpha1',
    plural: 'tlsoptions',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'TLSOption',
    group: 'traefik.containo.us',
    version: 'v1alpha1',
    apiVersion: 'traefik.containo.us/v1alpha1',
    plural: 'tlsoptions',
    namespaced: true,
    optional: true,
  },

  // Linkerd (CRDs).
  {
    kind: 'ServiceProfile',
    group: 'linkerd.io',
    version: 'v1alpha2',
    apiVersion: 'linkerd.io/v1alpha2',
    plural: 'serviceprofiles',
    namespaced: true,
    optional: true,
  },

  // SMI (CRDs).
  {
    kind: 'TrafficSplit',
    group: 'split.smi-spec.io',
    version: 'v1alpha2',
    apiVersion: 'split.smi-spec.io/v1alpha2',
    plural: 'trafficsplits',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'TrafficSplit',
    group: 'split.smi-spec.io',
    version: 'v1alpha1',
    apiVersion: 'split.smi-spec.io/v1alpha1',
    plural: 'trafficsplits',
    namespaced: true,
    optional: true,
  },
] as const satisfies readonly ResourceType[];

/** One registered resource type (with its literal fields). */
export type RegisteredResource = (typeof RESOURCE_TYPES)[number];

/**
 * A resource type's unique name, as kubectl accepts it: `plural.version.group`
 * (`deployments.v1.apps`), or `plural.version` for the core group (`pods.v1`).
 */
export const resourceId = (
  r: Pick<ResourceType, 'plural' | 'version' | 'group'>,
) =>
  r.group ? `${r.plural}.${r.version}.${r.group}` : `${r.plural}.${r.version}`;

/** The registered places a kind is served at, preferred first; empty for an unknown kind. */
export function resourcesOfKind(kind: string): ResourceType[] {
  return RESOURCE_TYPES.filter(r => r.kind === kind);
}

/** The registered type of an object's apiVersion and kind, if Kubemate knows it. */
export function resourceOf(
  apiVersion: string,
  kind: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    r => r.apiVersion === apiVersion && r.kind === kind,
  );
}

/** The URL path of a resource's collection (all namespaces), e.g. `/apis/apps/v1/deployments`. */
export const collectionPath = (
  r: Pick<ResourceType, 'group' | 'apiVersion' | 'plural'>,
) =>
  r.group
    ? `/apis/${r.apiVersion}/${r.plural}`
    : `/api/${r.apiVersion}/${r.plural}`;
