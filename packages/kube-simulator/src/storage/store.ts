import { deepEqual, orderKeys, orderMeta } from '../util/objects';
import { KObject } from '../util/types';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  rv: number;
  key: string;
  object: KObject;
  /** State before the change, for selector transitions. */
  previous?: KObject;
}

interface Entry {
  obj: KObject;
  /** Cached JSON of the object without apiVersion/kind (list item form). */
  itemJson?: string;
}

function nsOf(k: string): string {
  const i = k.indexOf('/');
  return i < 0 ? '' : k.slice(0, i);
}

/** One resource's objects, with sorted key caches overall and per namespace. */
class Bucket {
  readonly entries = new Map<string, Entry>();
  private sorted: string[] | null = null;
  private readonly byNs = new Map<string, Set<string>>();
  private readonly sortedNs = new Map<string, string[]>();

  keys(ns?: string): string[] {
    if (ns !== undefined) {
      let s = this.sortedNs.get(ns);
      if (!s) {
        s = [...(this.byNs.get(ns) ?? [])].sort();
        this.sortedNs.set(ns, s);
      }
      return s;
    }
    if (!this.sorted) this.sorted = [...this.entries.keys()].sort();
    return this.sorted;
  }

  set(k: string, e: Entry) {
    if (!this.entries.has(k)) {
      this.sorted = null;
      const ns = nsOf(k);
      let set = this.byNs.get(ns);
      if (!set) {
        set = new Set();
        this.byNs.set(ns, set);
      }
      set.add(k);
      this.sortedNs.delete(ns);
    }
    this.entries.set(k, e);
  }

  delete(k: string) {
    if (this.entries.delete(k)) {
      this.sorted = null;
      const ns = nsOf(k);
      this.byNs.get(ns)?.delete(k);
      this.sortedNs.delete(ns);
    }
  }
}

export type Watcher = (ev: StoreEvent) => void;

export class ResourceVersionTooOldError extends Error {
  constructor(readonly requested: number, readonly oldest: number) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

export function objKey(ns: string | undefined, name: string): string {
  return ns ? `${ns}/${name}` : name;
}

/**
 * In-memory object store: one global resourceVersion counter like etcd's revision,
 * a bounded event log (the "watch cache") and synchronous fan-out to watchers.
 */
export class Store {
  private rv: number;
  private readonly buckets = new Map<string, Bucket>();
  private readonly log: StoreEvent[] = [];
  private logStart = 0;
  /** Highest rv that is no longer replayable. */
  private compactedRv: number;
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly anyWatchers = new Set<Watcher>();

  constructor(
    private readonly opts: { startRv?: number; logCapacity?: number } = {},
  ) {
    this.rv = opts.startRv ?? 1000;
    this.compactedRv = this.rv;
  }

  currentRv(): number {
    return this.rv;
  }

  oldestRv(): number {
    return this.compactedRv;
  }

  private bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = new Bucket();
      this.buckets.set(key, b);
    }
    return b;
  }

  /** Stored object; callers must treat it as read-only. */
  get(key: string, ns: string | undefined, name: string): KObject | undefined {
    return this.buckets.get(key)?.entries.get(objKey(ns, name))?.obj;
  }

  count(key: string): number {
    return this.buckets.get(key)?.entries.size ?? 0;
  }

  /** Objects sorted by namespace/name; read-only. */
  list(key: string, ns?: string): KObject[] {
    return this.listEntries(key, ns).map(e => e.obj);
  }

  listEntries(
    key: string,
    ns?: string,
  ): Array<{ obj: KObject; itemJson: () => string }> {
    const b = this.buckets.get(key);
    if (!b) return [];
    const out: Array<{ obj: KObject; itemJson: () => string }> = [];
    for (const k of b.keys(ns || undefined)) {
      const e = b.entries.get(k)!;
      out.push({
        obj: e.obj,
        itemJson: () => {
          if (e.itemJson === undefined) {
            const { apiVersion: _a, kind: _k, ...rest } = e.obj;
            e.itemJson = JSON.stringify(rest);
          }
          return e.itemJson;
        },
      });
    }
    return out;
  }

  keys(): string[] {
    return [...this.buckets.keys()];
  }

  private nextRv(): number {
    this.rv += 1;
    return this.rv;
  }

  private record(ev: StoreEvent) {
    this.log.push(ev);
    const cap = this.opts.logCapacity ?? 20000;
    if (this.log.length - this.logStart > cap) {
      this.compactedRv = this.log[this.logStart].rv;
      this.logStart += 1;
      if (this.logStart > 4096) {
        this.log.splice(0, this.logStart);
        this.logStart = 0;
      }
    }
    this.watchers.get(ev.key)?.forEach(w => w(ev));
    this.anyWatchers.forEach(w => w(ev));
  }

  /** Forget history up to now, like `etcdctl compact` (for tests of 410 handling). */
  compact() {
    this.log.length = 0;
    this.logStart = 0;
    this.compactedRv = this.rv;
  }

  create(key: string, input: KObject): KObject {
    const b = this.bucket(key);
    const k = objKey(input.metadata.namespace, input.metadata.name!);
    if (b.entries.has(k)) throw new Error(`exists: ${key} ${k}`);
    const rv = this.nextRv();
    input.metadata.resourceVersion = String(rv);
    const obj = canonical(input);
    b.set(k, { obj });
    this.record({ type: 'ADDED', rv, key, object: obj });
    return obj;
  }

  /** Replaces the object. Returns the stored object; a no-op write keeps the old resourceVersion. */
  update(key: string, input: KObject): KObject {
    const b = this.bucket(key);
    const k = objKey(input.metadata.namespace, input.metadata.name!);
    const prev = b.entries.get(k)?.obj;
    if (!prev) throw new Error(`missing: ${key} ${k}`);
    if (sameContent(prev, input)) return prev;
    const rv = this.nextRv();
    input.metadata.resourceVersion = String(rv);
    const obj = canonical(input);
    b.set(k, { obj });
    this.record({ type: 'MODIFIED', rv, key, object: obj, previous: prev });
    return obj;
  }

  delete(
    key: string,
    ns: string | undefined,
    name: string,
  ): KObject | undefined {
    const b = this.buckets.get(key);
    const k = objKey(ns, name);
    const prev = b?.entries.get(k)?.obj;
    if (!b || !prev) return undefined;
    b.delete(k);
    const rv = this.nextRv();
    const last: KObject = {
      ...prev,
      metadata: { ...prev.metadata, resourceVersion: String(rv) },
    };
    this.record({ type: 'DELETED', rv, key, object: last, previous: prev });
    return last;
  }

  /** Events after `rv` for a key, or throws when they are no longer kept. */
  eventsSince(key: string | undefined, rv: number): StoreEvent[] {
    if (rv < this.compactedRv)
      throw new ResourceVersionTooOldError(rv, this.compactedRv + 1);
    const out: StoreEvent[] = [];
    // binary search the first event with ev.rv > rv
    let lo = this.logStart;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.log[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.log.length; i++) {
      if (!key || this.log[i].key === key) out.push(this.log[i]);
    }
    return out;
  }

  watch(key: string | undefined, fn: Watcher): () => void {
    if (!key) {
      this.anyWatchers.add(fn);
      return () => this.anyWatchers.delete(fn);
    }
    let set = this.watchers.get(key);
    if (!set) {
      set = new Set();
      this.watchers.set(key, set);
    }
    set.add(fn);
    return () => set!.delete(fn);
  }

  watcherCount(): number {
    let n = this.anyWatchers.size;
    this.watchers.forEach(s => (n += s.size));
    return n;
  }
}

/** Go struct field order, so cached JSON matches what the apiserver would print. */
function canonical(obj: KObject): KObject {
  const o = orderKeys(obj as Record<string, unknown>, [
    'kind',
    'apiVersion',
    'metadata',
    'spec',
    'status',
  ]) as KObject;
  o.metadata = orderMeta(o.metadata as Record<string, unknown>);
  return o;
}

function sameContent(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => ({
    ...o,
    metadata: {
      ...o.metadata,
      resourceVersion: undefined,
      managedFields: undefined,
    },
  });
  return deepEqual(strip(a), strip(b));
}
