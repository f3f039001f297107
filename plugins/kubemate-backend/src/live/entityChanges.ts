import type {
  EntityViewPlural,
  KubeObject,
  WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';

/** A change of a cluster's cached objects, as a `ClusterWatchCache` reports it. */
export interface ObjectChange {
  plural: EntityViewPlural;
  type: 'add' | 'update' | 'delete' | 'resync';
  object?: KubeObject;
}

/** Anything that reports object changes (a `ClusterWatchCache`). */
export interface ChangeSource {
  subscribe(listener: (change: ObjectChange) => void): () => void;
}

/** What an entity's last answer showed in one cluster, to tell which changes concern it. */
export interface EntitySelection {
  /** UIDs of every object shown. */
  uids: Set<string>;
  /** `namespace/name` of the Services shown: their Endpoints carry the same name. */
  services: Set<string>;
}

export const emptySelection = (): EntitySelection => ({
  uids: new Set(),
  services: new Set(),
});

/** The selection an answer's objects make up. */
export function selectionOf(
  resources: Record<WorkloadPlural, KubeObject[]>,
): EntitySelection {
  const selection = emptySelection();
  for (const objects of Object.values(resources)) {
    for (const o of objects) {
      if (o.metadata.uid) selection.uids.add(o.metadata.uid);
    }
  }
  for (const s of resources.services) {
    selection.services.add(`${s.metadata.namespace ?? ''}/${s.metadata.name}`);
  }
  return selection;
}

/**
 * Whether a change can alter an entity's answer: an object it showed changed or went away, a
 * new object its mappings select directly, a child of one it showed (pods → ReplicaSet →
 * Deployment, Jobs of a CronJob), the Endpoints of a Service it showed, an Event about one of
 * its objects, a namespace (its owner may have changed), or a whole resource listed afresh. A
 * few set lookups per change and entity.
 */
export function affects(
  change: ObjectChange,
  selection: EntitySelection,
  selectedDirectly: (plural: WorkloadPlural, o: KubeObject) => boolean,
): boolean {
  const o = change.object;
  if (change.type === 'resync' || !o) return true;
  // A namespace's owner decides what every mapping in it resolves to; namespaces change rarely.
  if (change.plural === 'namespaces') return true;
  if (o.metadata.uid && selection.uids.has(o.metadata.uid)) return true;
  if (
    o.metadata.ownerReferences?.some(
      ref => ref.uid !== undefined && selection.uids.has(ref.uid),
    )
  ) {
    return true;
  }
  if (change.plural === 'events') {
    const involved = (o as { involvedObject?: { uid?: string } }).involvedObject
      ?.uid;
    return involved !== undefined && selection.uids.has(involved);
  }
  if (
    change.plural === 'endpoints' &&
    selection.services.has(`${o.metadata.namespace ?? ''}/${o.metadata.name}`)
  ) {
    return true;
  }
  return selectedDirectly(change.plural, o);
}
