import type { KubeObject } from '@kubemate/plugin-kubemate-common';

/** The keys an object can be found by. */
export const indexKey = {
  namespace: (namespace: string) => `ns\u0000${namespace}`,
  label: (key: string, value: string) => `label\u0000${key}\u0000${value}`,
  owner: (uid: string) => `owner\u0000${uid}`,
  /** Events, by the UID of the object they are about. */
  involved: (uid: string) => `involved\u0000${uid}`,
};

function keysOf(o: KubeObject): string[] {
  const keys = [indexKey.namespace(o.metadata.namespace ?? '')];
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    keys.push(indexKey.label(k, v));
  }
  for (const ref of o.metadata.ownerReferences ?? []) {
    if (ref.uid) keys.push(indexKey.owner(ref.uid));
  }
  const involved = (o as { involvedObject?: { uid?: string } }).involvedObject
    ?.uid;
  if (involved) keys.push(indexKey.involved(involved));
  return keys;
}

const identity = (o: KubeObject) =>
  `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

const NONE: ReadonlyMap<string, KubeObject> = new Map();

/**
 * Secondary indexes over one resource's cached objects (namespace, every label pair, owner
 * UIDs, involved-object UID), updated from the informer's add/update/delete callbacks, so an
 * entity's objects are found at a cost that grows with the entity, not with the cluster.
 * Objects are keyed by namespace/name, as the informer's own cache is.
 */
export class ObjectIndex {
  private readonly entries = new Map<string, string[]>();
  private readonly buckets = new Map<string, Map<string, KubeObject>>();

  /** Adds an object or replaces the previous version of it. */
  put(o: KubeObject): void {
    const id = identity(o);
    this.removeId(id);
    const keys = keysOf(o);
    this.entries.set(id, keys);
    for (const key of keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = new Map();
        this.buckets.set(key, bucket);
      }
      bucket.set(id, o);
    }
  }

  remove(o: KubeObject): void {
    this.removeId(identity(o));
  }

  /** The objects filed under a key (see `indexKey`); live, do not mutate. */
  lookup(key: string): Iterable<KubeObject> {
    return (this.buckets.get(key) ?? NONE).values();
  }

  get size(): number {
    return this.entries.size;
  }

  private removeId(id: string) {
    const keys = this.entries.get(id);
    if (!keys) return;
    this.entries.delete(id);
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      bucket?.delete(id);
      if (bucket?.size === 0) this.buckets.delete(key);
    }
  }
}
