import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  WORKLOAD_RESOURCES,
  type KubeObject,
  type WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';
import type {
  CacheChange,
  ClusterWatchCache,
} from '../../clusters/ClusterWatchCache';

/** Kinds whose spec changes can trigger a run (their informers are the Workloads tab's). */
export const WATCHABLE_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
] as const;
export type WatchableKind = (typeof WATCHABLE_KINDS)[number];

const pluralOf = (kind: WatchableKind) =>
  WORKLOAD_RESOURCES.find(r => r.kind === kind)!.plural;

/** What changed: `Deployment bank-payments/payments-api` (created, spec updated or deleted). */
export interface WorkloadChange {
  kind: WatchableKind;
  namespace?: string;
  name: string;
  type: 'created' | 'updated' | 'deleted';
}

export const describeChange = (c: WorkloadChange) =>
  `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;

const keyOf = (o: KubeObject) =>
  o.metadata.uid ?? `${o.metadata.namespace}/${o.metadata.name}`;

/** What is kept of an object: enough to name it and to tell a spec change. */
type Known = Map<
  string,
  Pick<KubeObject['metadata'], 'namespace' | 'name' | 'generation'>
>;

const slim = (o: KubeObject) => ({
  namespace: o.metadata.namespace,
  name: o.metadata.name,
  generation: o.metadata.generation,
});

/**
 * Reports spec changes of the given kinds of one cluster from the cluster's shared informers
 * (it opens no watch of its own): an update counts only when `metadata.generation` moved
 * (status, scale-subresource-free label churn and resyncs do not), plus creations and
 * deletions after the first list. A re-list (after a failure or a periodic resync) is compared
 * with what was known, so what changed while the watch was away is reported too. Only
 * generations are kept.
 */
export class WorkloadChangeWatcher {
  /** Per watched plural, generation by object key; absent until the first list. */
  private readonly known = new Map<WorkloadPlural, Known>();
  private readonly kindOf = new Map<WorkloadPlural, WatchableKind>();
  private unsubscribe?: () => void;

  constructor(
    private readonly options: {
      cache: ClusterWatchCache;
      kinds: readonly WatchableKind[];
      /** Only changes in these namespaces; all when empty. */
      namespaces?: string[];
      onChange: (change: WorkloadChange) => void;
      logger: LoggerService;
    },
  ) {
    for (const kind of options.kinds) this.kindOf.set(pluralOf(kind), kind);
  }

  /** Subscribes, then starts the shared informers; resolves once each listed or failed. */
  async start(): Promise<void> {
    const { cache } = this.options;
    this.unsubscribe ??= cache.subscribe(change => this.onCacheChange(change));
    // Resources another consumer already listed: what they hold now is the first list.
    for (const plural of this.kindOf.keys()) {
      if (cache.isServed(plural)) this.seed(plural);
    }
    await cache.start();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private onCacheChange(change: CacheChange) {
    if (change.plural === 'namespaces') return;
    const kind = this.kindOf.get(change.plural);
    if (!kind) return;
    const known = this.known.get(change.plural);
    if (!known) {
      this.seed(change.plural);
      return;
    }
    const o = change.object;
    switch (change.type) {
      case 'resync':
        this.compare(change.plural, kind, known);
        return;
      case 'add':
        known.set(keyOf(o!), slim(o!));
        this.report(kind, o!.metadata, 'created');
        return;
      case 'update': {
        const key = keyOf(o!);
        const before = known.get(key)?.generation;
        known.set(key, slim(o!));
        if (before !== o!.metadata.generation) {
          this.report(kind, o!.metadata, 'updated');
        }
        return;
      }
      case 'delete':
        known.delete(keyOf(o!));
        this.report(kind, o!.metadata, 'deleted');
        return;
      default:
    }
  }

  /** The first list: no change, just what there is. */
  private seed(plural: WorkloadPlural) {
    this.known.set(
      plural,
      new Map(this.options.cache.list(plural).map(o => [keyOf(o), slim(o)])),
    );
  }

  /** A re-list: what appeared, disappeared or moved its generation meanwhile. */
  private compare(plural: WorkloadPlural, kind: WatchableKind, known: Known) {
    const seen = new Set<string>();
    for (const o of this.options.cache.list(plural)) {
      const key = keyOf(o);
      seen.add(key);
      const before = known.get(key);
      if (!before) this.report(kind, o.metadata, 'created');
      else if (before.generation !== o.metadata.generation) {
        this.report(kind, o.metadata, 'updated');
      }
      known.set(key, slim(o));
    }
    for (const [key, gone] of [...known]) {
      if (seen.has(key)) continue;
      known.delete(key);
      this.report(kind, gone, 'deleted');
    }
  }

  private report(
    kind: WatchableKind,
    meta: { namespace?: string; name?: string },
    type: WorkloadChange['type'],
  ) {
    const { namespaces, onChange } = this.options;
    const ns = meta.namespace;
    if (!meta.name) return;
    if (namespaces?.length && (!ns || !namespaces.includes(ns))) return;
    onChange({ kind, namespace: ns, name: meta.name, type });
  }
}
