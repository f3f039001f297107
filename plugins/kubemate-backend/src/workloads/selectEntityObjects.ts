import {
  matchesLabelSelector,
  parseLabelSelector,
  WORKLOAD_RESOURCES,
  type EntityMapping,
  type KubeObject,
  type LabelRequirement,
  type WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';
import { indexKey } from '../clusters/ObjectIndex';

/** Read access to one cluster's cached objects (a `ClusterWatchCache`). */
export interface ObjectSource {
  list(plural: WorkloadPlural): Iterable<KubeObject>;
  /** Objects filed under an `indexKey`. */
  lookup(plural: WorkloadPlural, key: string): Iterable<KubeObject>;
  get(
    plural: WorkloadPlural,
    namespace: string,
    name: string,
  ): KubeObject | undefined;
}

/** A record with an empty list for every watched resource. */
export const emptyResources = () =>
  Object.fromEntries(
    WORKLOAD_RESOURCES.map(r => [r.plural, [] as KubeObject[]]),
  ) as Record<WorkloadPlural, KubeObject[]>;

/** Resources an entity owns directly, by label or by name. */
const OWNED: WorkloadPlural[] = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'pods',
  'jobs',
  'cronjobs',
  'services',
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'horizontalpodautoscalers',
];

/** Children found through ownerReferences, parent kinds first. */
const CHILDREN: WorkloadPlural[] = ['jobs', 'replicasets', 'pods'];

function namedMatcher(names: string[]) {
  const byKind = names.map(n => {
    const [kind, name] = n.includes('/') ? n.split('/', 2) : [undefined, n];
    return { kind: kind?.toLowerCase(), name };
  });
  return (o: KubeObject) =>
    byKind.some(
      n =>
        n.name === o.metadata.name &&
        (!n.kind || n.kind === o.kind.toLowerCase()),
    );
}

/** A mapping ready to test objects against (selector parsed, names matched by kind). */
export interface CompiledMapping {
  namespaces: string[];
  selector?: LabelRequirement[];
  named?: (o: KubeObject) => boolean;
}

/** Throws InputError for a label selector that does not parse. */
export function compileMapping(m: EntityMapping): CompiledMapping {
  return {
    namespaces: m.namespaces,
    selector:
      m.labelSelector !== undefined
        ? parseLabelSelector(m.labelSelector)
        : undefined,
    named: m.workloads.length > 0 ? namedMatcher(m.workloads) : undefined,
  };
}

/**
 * Where to look for a mapping's objects: the index bucket of an equality requirement of its
 * selector (usually `backstage.io/kubernetes-id=<id>`) or of its namespaces; the whole
 * resource only for a namespace-less mapping without one (e.g. `app!=x`, or names alone).
 */
function candidates(
  source: ObjectSource,
  plural: WorkloadPlural,
  m: CompiledMapping,
): Iterable<KubeObject>[] {
  const byNamespace =
    m.namespaces.length > 0
      ? m.namespaces.map(ns => source.lookup(plural, indexKey.namespace(ns)))
      : undefined;
  // Only a mapping no index can serve lists the whole resource (a full copy of the cache).
  const everything = () => [source.list(plural)];
  const out: Iterable<KubeObject>[] = [];
  if (m.selector) {
    const equality = m.selector.find(r => r.op === 'in');
    const byLabel =
      equality?.op === 'in'
        ? equality.values.map(v =>
            source.lookup(plural, indexKey.label(equality.key, v)),
          )
        : undefined;
    out.push(...(byLabel ?? byNamespace ?? everything()));
  }
  if (m.named) out.push(...(byNamespace ?? everything()));
  return out;
}

/**
 * Whether a mapping picks an object by itself: in one of its namespaces (any when it names
 * none), matching its selector or one of its named workloads.
 */
export function mappingSelects(m: CompiledMapping, o: KubeObject): boolean {
  if (
    m.namespaces.length > 0 &&
    !m.namespaces.includes(o.metadata.namespace ?? '')
  ) {
    return false;
  }
  return (
    (m.selector !== undefined &&
      matchesLabelSelector(m.selector, o.metadata.labels)) ||
    (m.named?.(o) ?? false)
  );
}

/**
 * Whether an object would be picked by the mappings themselves (by selector or name, within
 * their namespaces), as opposed to through an owner, a Service or an involved object.
 */
export function directlySelectedBy(
  mappings: EntityMapping[],
): (plural: WorkloadPlural, o: KubeObject) => boolean {
  const compiled = mappings.map(compileMapping);
  const owned = new Set(OWNED);
  return (plural, o) =>
    owned.has(plural) && compiled.some(m => mappingSelects(m, o));
}

/**
 * Picks one cluster's objects that belong to an entity: objects matching any mapping's
 * selector or explicit names (within its namespaces), the ReplicaSets/Jobs/Pods they own,
 * the Endpoints of their Services, and the Events about any of them. Every step goes through
 * the cache's indexes, so the cost follows the entity's size rather than the cluster's.
 */
export function selectEntityObjects(
  mappings: EntityMapping[],
  source: ObjectSource,
): Record<WorkloadPlural, KubeObject[]> {
  const out = emptyResources();
  const selectedUids = new Set<string>();
  const seen = new Set<KubeObject>();
  const add = (plural: WorkloadPlural, o: KubeObject) => {
    if (seen.has(o)) return;
    seen.add(o);
    out[plural].push(o);
    if (o.metadata.uid) selectedUids.add(o.metadata.uid);
  };
  const compiled = mappings.map(compileMapping);
  // Children and events are taken from the mapped namespaces only (an ownerReference or an
  // involvedObject can name any uid); a mapping without namespaces leaves them open.
  const mapped = compiled.every(m => m.namespaces.length > 0)
    ? new Set(compiled.flatMap(m => m.namespaces))
    : undefined;
  const inMapped = (o: KubeObject) =>
    !mapped || mapped.has(o.metadata.namespace ?? '');

  for (const plural of OWNED) {
    for (const m of compiled) {
      for (const list of candidates(source, plural, m)) {
        for (const o of list) {
          if (mappingSelects(m, o)) add(plural, o);
        }
      }
    }
  }
  // Parents come first in CHILDREN, so the Pods of a CronJob's Jobs are found too.
  for (const plural of CHILDREN) {
    for (const uid of [...selectedUids]) {
      for (const o of source.lookup(plural, indexKey.owner(uid))) {
        if (inMapped(o)) add(plural, o);
      }
    }
  }
  for (const service of out.services) {
    const ep = source.get(
      'endpoints',
      service.metadata.namespace ?? '',
      service.metadata.name,
    );
    if (ep) add('endpoints', ep);
  }
  for (const uid of selectedUids) {
    for (const ev of source.lookup('events', indexKey.involved(uid))) {
      if (inMapped(ev)) out.events.push(ev);
    }
  }
  return out;
}

/** Replaces every Secret value by an empty string, keeping the keys. */
export function hideSecretValues(secrets: KubeObject[]): KubeObject[] {
  return secrets.map(s => {
    const data = (s as { data?: Record<string, string> }).data ?? {};
    const stringData = (s as { stringData?: Record<string, string> })
      .stringData;
    const blank = (d: Record<string, string>) =>
      Object.fromEntries(Object.keys(d).map(k => [k, '']));
    // Sizes only (bytes of each decoded value): a value is revealed one key at a time.
    const dataSizes = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [
        k,
        Buffer.from(v, 'base64').length,
      ]),
    );
    return {
      ...s,
      data: blank(data),
      dataSizes,
      ...(stringData ? { stringData: blank(stringData) } : {}),
      metadata: {
        ...s.metadata,
        // kubectl's last-applied annotation would leak the values.
        annotations: Object.fromEntries(
          Object.entries(s.metadata.annotations ?? {}).filter(
            ([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration',
          ),
        ),
      },
    };
  });
}
