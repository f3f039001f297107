import type { KubernetesObject } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { RawObjectApi } from '../kube/RawObjectApi';

type Obj = Record<string, any>;

/** A namespaced kind the API server lists. */
export interface ListedResource {
  apiVersion: string;
  kind: string;
  /** API path of the namespace's list. */
  path: string;
}

/** Groups whose objects are made by the cluster, not by anyone applying manifests. */
const SKIPPED_GROUPS = new Set([
  'metrics.k8s.io',
  'events.k8s.io',
  'discovery.k8s.io',
  'coordination.k8s.io',
  'authorization.k8s.io',
  'authentication.k8s.io',
]);
/** Core kinds made by the cluster. */
const SKIPPED_CORE_KINDS = new Set([
  'Event',
  'Endpoints',
  'Binding',
  'ComponentStatus',
]);
/** Kinds that only exist as the work of a controller. */
const SKIPPED_KINDS = new Set(['ControllerRevision']);

/**
 * The namespaced kinds of the cluster that can be listed (preferred version of each group),
 * from the API server's discovery documents; cluster-made kinds left out.
 */
export async function exportableResources(
  api: RawObjectApi,
  namespace: string,
): Promise<ListedResource[]> {
  const ns = encodeURIComponent(namespace);
  const lists: Array<{ groupVersion: string; base: string }> = [
    { groupVersion: 'v1', base: '/api/v1' },
  ];
  const groups = await api.getJson<{
    groups?: Array<{
      name: string;
      preferredVersion?: { groupVersion: string };
    }>;
  }>('/apis');
  for (const g of groups.groups ?? []) {
    if (SKIPPED_GROUPS.has(g.name) || !g.preferredVersion) continue;
    const gv = g.preferredVersion.groupVersion;
    lists.push({ groupVersion: gv, base: `/apis/${gv}` });
  }
  const out: ListedResource[] = [];
  for (const { groupVersion, base } of lists) {
    const doc = await api.getJson<{
      resources?: Array<{
        name: string;
        kind: string;
        namespaced: boolean;
        verbs?: string[];
      }>;
    }>(base);
    for (const r of doc.resources ?? []) {
      if (!r.namespaced || r.name.includes('/')) continue;
      if (!r.verbs?.includes('list')) continue;
      if (groupVersion === 'v1' && SKIPPED_CORE_KINDS.has(r.kind)) continue;
      if (SKIPPED_KINDS.has(r.kind)) continue;
      out.push({
        apiVersion: groupVersion,
        kind: r.kind,
        path: `${base}/namespaces/${ns}/${r.name}`,
      });
    }
  }
  return out;
}

/** Why the object is not exported (made by the cluster or a controller); undefined to export. */
export function madeByCluster(o: Obj): string | undefined {
  const owners: Obj[] = o.metadata?.ownerReferences ?? [];
  if (owners.some(r => r.controller === true)) return 'made by a controller';
  if (o.kind === 'Secret' && o.type === 'kubernetes.io/service-account-token') {
    return 'a service account token';
  }
  if (o.kind === 'ConfigMap' && o.metadata?.name === 'kube-root-ca.crt') {
    return 'the cluster CA bundle';
  }
  if (o.kind === 'ServiceAccount' && o.metadata?.name === 'default') {
    return 'the default service account';
  }
  return undefined;
}

const SERVER_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
  'kubernetes.io/service-account.uid',
];
const SERVER_LABELS = [
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'job-name',
];

const dropKeys = (o: Obj | undefined, keys: string[]) => {
  if (!o) return;
  for (const k of keys) delete o[k];
};
const dropIfEmpty = (o: Obj, key: string) => {
  const v = o[key];
  if (v && typeof v === 'object' && Object.keys(v).length === 0) delete o[key];
};

/** `creationTimestamp: null` of pod templates (and templates in templates), as served. */
function dropNullTimestamps(value: unknown, depth = 0) {
  if (!value || typeof value !== 'object' || depth > 12) return;
  const o = value as Obj;
  if (o.creationTimestamp === null) delete o.creationTimestamp;
  for (const v of Object.values(o)) dropNullTimestamps(v, depth + 1);
}

/**
 * The object as a manifest to apply elsewhere: status, the namespace and every server-set
 * field removed (identity, versions, timestamps, managed fields, owner references,
 * last-applied annotation, Service cluster IPs and node ports, PVC volume binding, Job
 * selectors). A Secret's values are replaced by empty strings unless `secretValues`.
 */
export function exportedObject(
  input: KubernetesObject,
  options: { secretValues: boolean },
): { object: Obj; redacted: boolean } {
  const o: Obj = structuredClone(input);
  delete o.status;
  const m: Obj = o.metadata ?? {};
  dropKeys(m, [
    'namespace',
    'uid',
    'resourceVersion',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'generation',
    'selfLink',
    'managedFields',
    'ownerReferences',
  ]);
  dropKeys(m.annotations, SERVER_ANNOTATIONS);
  dropIfEmpty(m, 'annotations');
  if (Array.isArray(m.finalizers)) {
    m.finalizers = m.finalizers.filter(
      (f: string) => f !== 'kubernetes.io/pvc-protection',
    );
    if (m.finalizers.length === 0) delete m.finalizers;
  }
  const spec: Obj | undefined = o.spec;
  if (o.kind === 'Service' && spec) {
    dropKeys(spec, ['clusterIP', 'clusterIPs', 'healthCheckNodePort']);
    for (const port of spec.ports ?? []) delete port.nodePort;
  }
  if (o.kind === 'PersistentVolumeClaim' && spec) delete spec.volumeName;
  if (o.kind === 'Job' && spec) {
    if (!spec.manualSelector) delete spec.selector;
    dropKeys(m.labels, SERVER_LABELS);
    dropKeys(spec.template?.metadata?.labels, SERVER_LABELS);
  }
  if (o.kind === 'Pod' && spec) delete spec.nodeName;
  dropNullTimestamps(spec);
  dropIfEmpty(m, 'labels');
  let redacted = false;
  if (o.kind === 'Secret' && !options.secretValues) {
    for (const key of ['data', 'stringData']) {
      const values: Obj | undefined = o[key];
      if (!values) continue;
      for (const k of Object.keys(values)) values[k] = '';
      redacted = true;
    }
  }
  return { object: o, redacted };
}

/** `<kind>/<name>.yaml`, the kind qualified with its group when two groups share it. */
export function exportPath(object: Obj, qualify: boolean): string {
  const group = String(object.apiVersion).includes('/')
    ? String(object.apiVersion).split('/')[0]
    : '';
  const kind = qualify && group ? `${object.kind}.${group}` : object.kind;
  return `${kind}/${object.metadata.name}.yaml`;
}

/** The manifest's text; a redacted Secret says so in a comment. */
export function exportText(object: Obj, redacted: boolean): string {
  const head = redacted
    ? '# Secret values redacted by the export: fill them in before applying.\n'
    : '';
  return `${head}${stringify(object, { lineWidth: 0 })}`;
}
