/**
 * A small map of Kubernetes object fields, for hints while editing YAML: the keys a mapping
 * may hold at a path (`spec.template.spec.containers`, list items transparent). Paths marked
 * complete list every field the API knows, so a key outside them is flagged as unknown; the
 * API server's strict field validation stays the judge when the edit is previewed.
 */
export interface FieldSet {
  fields: readonly string[];
  /** Every field of this type is listed: any other key is unknown. */
  complete: boolean;
}

const METADATA = [
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'selfLink',
];

const CONTAINER = [
  'name',
  'image',
  'imagePullPolicy',
  'command',
  'args',
  'workingDir',
  'env',
  'envFrom',
  'ports',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'securityContext',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'stdin',
  'stdinOnce',
  'tty',
];

const POD_SPEC = [
  'containers',
  'initContainers',
  'ephemeralContainers',
  'volumes',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'dnsPolicy',
  'dnsConfig',
  'nodeSelector',
  'nodeName',
  'serviceAccountName',
  'automountServiceAccountToken',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'shareProcessNamespace',
  'securityContext',
  'imagePullSecrets',
  'hostname',
  'subdomain',
  'affinity',
  'schedulerName',
  'tolerations',
  'hostAliases',
  'priorityClassName',
  'priority',
  'readinessGates',
  'runtimeClassName',
  'enableServiceLinks',
  'preemptionPolicy',
  'overhead',
  'topologySpreadConstraints',
  'setHostnameAsFQDN',
  'os',
  'hostUsers',
  'schedulingGates',
  'resourceClaims',
  'resources',
  'serviceAccount',
];

const TEMPLATE = ['metadata', 'spec'];
const RESOURCES = ['limits', 'requests', 'claims'];

const complete = (fields: readonly string[]): FieldSet => ({
  fields,
  complete: true,
});
const partial = (fields: readonly string[]): FieldSet => ({
  fields,
  complete: false,
});

/** Fields below a pod template at `prefix` (`spec.template`, `spec.jobTemplate.spec.template`). */
const podTemplate = (prefix: string): Record<string, FieldSet> => ({
  [prefix]: complete(TEMPLATE),
  [`${prefix}.metadata`]: complete(METADATA),
  [`${prefix}.spec`]: complete(POD_SPEC),
  [`${prefix}.spec.containers`]: complete(CONTAINER),
  [`${prefix}.spec.initContainers`]: complete(CONTAINER),
  [`${prefix}.spec.containers.resources`]: complete(RESOURCES),
  [`${prefix}.spec.containers.ports`]: complete([
    'name',
    'containerPort',
    'protocol',
    'hostPort',
    'hostIP',
  ]),
  [`${prefix}.spec.containers.env`]: complete(['name', 'value', 'valueFrom']),
});

const TOP = ['apiVersion', 'kind', 'metadata'];

/** Field sets by kind, then by path ('' is the object itself). */
const SCHEMA: Record<string, Record<string, FieldSet>> = {
  Deployment: {
    '': complete([...TOP, 'spec', 'status']),
    spec: complete([
      'replicas',
      'selector',
      'template',
      'strategy',
      'minReadySeconds',
      'revisionHistoryLimit',
      'paused',
      'progressDeadlineSeconds',
    ]),
    'spec.strategy': complete(['type', 'rollingUpdate']),
    'spec.strategy.rollingUpdate': complete(['maxSurge', 'maxUnavailable']),
    'spec.selector': complete(['matchLabels', 'matchExpressions']),
    ...podTemplate('spec.template'),
  },
  StatefulSet: {
    '': complete([...TOP, 'spec', 'status']),
    spec: complete([
      'replicas',
      'selector',
      'template',
      'volumeClaimTemplates',
      'serviceName',
      'podManagementPolicy',
      'updateStrategy',
      'revisionHistoryLimit',
      'minReadySeconds',
      'persistentVolumeClaimRetentionPolicy',
      'ordinals',
    ]),
    ...podTemplate('spec.template'),
  },
  DaemonSet: {
    '': complete([...TOP, 'spec', 'status']),
    spec: complete([
      'selector',
      'template',
      'updateStrategy',
      'minReadySeconds',
      'revisionHistoryLimit',
    ]),
    ...podTemplate('spec.template'),
  },
  Job: {
    '': complete([...TOP, 'spec', 'status']),
    spec: partial([
      'parallelism',
      'completions',
      'activeDeadlineSeconds',
      'backoffLimit',
      'selector',
      'manualSelector',
      'template',
      'ttlSecondsAfterFinished',
      'completionMode',
      'suspend',
      'podFailurePolicy',
    ]),
    ...podTemplate('spec.template'),
  },
  CronJob: {
    '': complete([...TOP, 'spec', 'status']),
    spec: complete([
      'schedule',
      'timeZone',
      'startingDeadlineSeconds',
      'concurrencyPolicy',
      'suspend',
      'jobTemplate',
      'successfulJobsHistoryLimit',
      'failedJobsHistoryLimit',
    ]),
    'spec.jobTemplate': complete(['metadata', 'spec']),
    ...podTemplate('spec.jobTemplate.spec.template'),
  },
  Pod: {
    '': complete([...TOP, 'spec', 'status']),
    spec: complete(POD_SPEC),
    'spec.containers': complete(CONTAINER),
    'spec.initContainers': complete(CONTAINER),
  },
  Service: {
    '': complete([...TOP, 'spec', 'status']),
    spec: complete([
      'ports',
      'selector',
      'clusterIP',
      'clusterIPs',
      'type',
      'externalIPs',
      'sessionAffinity',
      'sessionAffinityConfig',
      'loadBalancerIP',
      'loadBalancerSourceRanges',
      'loadBalancerClass',
      'externalName',
      'externalTrafficPolicy',
      'internalTrafficPolicy',
      'healthCheckNodePort',
      'publishNotReadyAddresses',
      'ipFamilies',
      'ipFamilyPolicy',
      'allocateLoadBalancerNodePorts',
      'trafficDistribution',
    ]),
    'spec.ports': complete([
      'name',
      'protocol',
      'appProtocol',
      'port',
      'targetPort',
      'nodePort',
    ]),
  },
  ConfigMap: {
    '': complete([...TOP, 'data', 'binaryData', 'immutable']),
  },
  Secret: {
    '': complete([...TOP, 'data', 'stringData', 'type', 'immutable']),
  },
  PersistentVolumeClaim: {
    '': complete([...TOP, 'spec', 'status']),
    spec: partial([
      'accessModes',
      'resources',
      'storageClassName',
      'volumeName',
      'volumeMode',
      'selector',
      'dataSource',
      'dataSourceRef',
    ]),
  },
  HorizontalPodAutoscaler: {
    '': complete([...TOP, 'spec', 'status']),
    spec: complete([
      'scaleTargetRef',
      'minReplicas',
      'maxReplicas',
      'metrics',
      'behavior',
    ]),
  },
  HTTPRoute: {
    '': complete([...TOP, 'spec', 'status']),
    spec: complete(['parentRefs', 'hostnames', 'rules']),
    'spec.rules': partial([
      'name',
      'matches',
      'filters',
      'backendRefs',
      'timeouts',
      'retry',
      'sessionPersistence',
    ]),
    'spec.rules.matches': complete([
      'path',
      'headers',
      'queryParams',
      'method',
    ]),
    'spec.rules.backendRefs': partial([
      'group',
      'kind',
      'name',
      'namespace',
      'port',
      'weight',
      'filters',
    ]),
  },
  IngressRoute: {
    '': complete([...TOP, 'spec', 'status']),
    spec: partial(['entryPoints', 'routes', 'tls']),
  },
};

/** Any kind: its top level and metadata at least. */
const GENERIC: Record<string, FieldSet> = {
  '': partial([...TOP, 'spec', 'status']),
};

/** The fields a mapping at `path` (dot-joined keys, list items transparent) may hold. */
export function fieldsAt(kind: string | undefined, path: string[]): FieldSet {
  const key = path.join('.');
  if (key === 'metadata') return complete(METADATA);
  const schema = (kind && SCHEMA[kind]) || GENERIC;
  return schema[key] ?? partial([]);
}

/** Kinds the map knows beyond their top level. */
export const KNOWN_KINDS = Object.keys(SCHEMA);
