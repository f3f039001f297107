import {
  matchesLabelSelector,
  parseLabelSelector,
  WORKLOAD_RESOURCES,
  type EntityMapping,
  type KubeObject,
  type WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';

export type ObjectSource = (plural: WorkloadPlural) => KubeObject[];

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

/**
 * Picks one cluster's objects that belong to an entity: objects matching any mapping's
 * selector or explicit names (within its namespaces), the ReplicaSets/Jobs/Pods they own,
 * the Endpoints of their Services, and the Events about any of them.
 */
export function selectEntityObjects(
  mappings: EntityMapping[],
  uncachedSource: ObjectSource,
): Record<WorkloadPlural, KubeObject[]> {
  // Each resource list is read once per call, however many passes use it.
  const lists = new Map<WorkloadPlural, KubeObject[]>();
  const source = (plural: WorkloadPlural) => {
    let list = lists.get(plural);
    if (!list) {
      list = uncachedSource(plural);
      lists.set(plural, list);
    }
    return list;
  };
  const out = emptyResources();
  const selectedUids = new Set<string>();
  const compiled = mappings.map(m => ({
    namespaces: new Set(m.namespaces),
    selector:
      m.labelSelector !== undefined
        ? parseLabelSelector(m.labelSelector)
        : undefined,
    named: namedMatcher(m.workloads),
  }));
  const belongs = (o: KubeObject) =>
    compiled.some(
      c =>
        (c.namespaces.size === 0 ||
          c.namespaces.has(o.metadata.namespace ?? '')) &&
        ((c.selector && matchesLabelSelector(c.selector, o.metadata.labels)) ||
          c.named(o)),
    );
  const add = (plural: WorkloadPlural, o: KubeObject) => {
    out[plural].push(o);
    if (o.metadata.uid) selectedUids.add(o.metadata.uid);
  };

  for (const plural of OWNED) {
    for (const o of source(plural)) {
      if (belongs(o)) add(plural, o);
    }
  }
  for (const plural of CHILDREN) {
    const already = new Set(out[plural].map(o => o.metadata.uid));
    for (const o of source(plural)) {
      if (already.has(o.metadata.uid)) continue;
      if (o.metadata.ownerReferences?.some(ref => selectedUids.has(ref.uid)))
        add(plural, o);
    }
  }
  const services = new Set(
    out.services.map(s => `${s.metadata.namespace}/${s.metadata.name}`),
  );
  for (const ep of source('endpoints')) {
    if (services.has(`${ep.metadata.namespace}/${ep.metadata.name}`))
      add('endpoints', ep);
  }
  for (const ev of source('events')) {
    const involved = (ev as { involvedObject?: { uid?: string } })
      .involvedObject;
    if (involved?.uid && selectedUids.has(involved.uid)) out.events.push(ev);
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
    return {
      ...s,
      data: blank(data),
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
