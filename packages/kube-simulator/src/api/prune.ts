import { KObject } from '../util/types';

const META_KEYS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

const SPEC_STATUS = ['spec', 'status'];

/** Top-level fields of built-in kinds; anything else is silently dropped like the apiserver does. */
const TOP: Record<string, string[]> = {
  '/configmaps': ['data', 'binaryData', 'immutable'],
  '/secrets': ['data', 'stringData', 'type', 'immutable'],
  '/endpoints': ['subsets'],
  '/bindings': ['target'],
  '/serviceaccounts': [
    'secrets',
    'imagePullSecrets',
    'automountServiceAccountToken',
  ],
  events: [
    'involvedObject',
    'reason',
    'message',
    'source',
    'firstTimestamp',
    'lastTimestamp',
    'count',
    'type',
    'eventTime',
    'series',
    'action',
    'related',
    'reportingComponent',
    'reportingInstance',
  ],
  'rbac.authorization.k8s.io/roles': ['rules'],
  'rbac.authorization.k8s.io/clusterroles': ['rules', 'aggregationRule'],
  'rbac.authorization.k8s.io/rolebindings': ['subjects', 'roleRef'],
  'rbac.authorization.k8s.io/clusterrolebindings': ['subjects', 'roleRef'],
  'apps/controllerrevisions': ['data', 'revision'],
  'discovery.k8s.io/endpointslices': ['addressType', 'endpoints', 'ports'],
  'storage.k8s.io/storageclasses': [
    'provisioner',
    'parameters',
    'reclaimPolicy',
    'mountOptions',
    'allowVolumeExpansion',
    'volumeBindingMode',
    'allowedTopologies',
  ],
  'scheduling.k8s.io/priorityclasses': [
    'value',
    'globalDefault',
    'description',
    'preemptionPolicy',
  ],
  '/podtemplates': ['template'],
  '/componentstatuses': ['conditions'],
};

const allowedTop = (storageKey: string) =>
  new Set([
    'apiVersion',
    'kind',
    'metadata',
    ...(TOP[storageKey] ?? SPEC_STATUS),
  ]);

/** The top-level and metadata fields `pruneBuiltin` would drop, as `fieldValidation=Strict` names them. */
export function unknownBuiltinFields(
  storageKey: string,
  obj: KObject,
): string[] {
  const allowed = allowedTop(storageKey);
  const unknown = Object.keys(obj).filter(k => !allowed.has(k));
  if (obj.metadata && typeof obj.metadata === 'object') {
    unknown.push(
      ...Object.keys(obj.metadata)
        .filter(k => !META_KEYS.has(k))
        .map(k => `metadata.${k}`),
    );
  }
  return unknown;
}

/** Drops unknown top-level and metadata fields of built-in objects. */
export function pruneBuiltin(storageKey: string, obj: KObject): KObject {
  const allowed = allowedTop(storageKey);
  for (const k of Object.keys(obj)) if (!allowed.has(k)) delete obj[k];
  if (obj.metadata)
    for (const k of Object.keys(obj.metadata))
      if (!META_KEYS.has(k)) delete obj.metadata[k];
  return obj;
}
