import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubernetesObjectApi,
  makeInformer,
  type Informer,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';

/** Kinds whose spec changes can trigger a run, with their API group version and plural. */
export const WATCHABLE_KINDS = {
  Deployment: { apiVersion: 'apps/v1', plural: 'deployments' },
  StatefulSet: { apiVersion: 'apps/v1', plural: 'statefulsets' },
  DaemonSet: { apiVersion: 'apps/v1', plural: 'daemonsets' },
  CronJob: { apiVersion: 'batch/v1', plural: 'cronjobs' },
} as const;
export type WatchableKind = keyof typeof WATCHABLE_KINDS;

/** What changed: `Deployment bank-payments/payments-api` (created, spec updated or deleted). */
export interface WorkloadChange {
  kind: WatchableKind;
  namespace?: string;
  name: string;
  type: 'created' | 'updated' | 'deleted';
}

export const describeChange = (c: WorkloadChange) =>
  `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;

/**
 * Watches the given kinds of one cluster with its own list+watch informers (the workloads
 * feature's caches stay untouched) and reports spec changes: an update counts only when
 * `metadata.generation` moved (status, scale-subresource-free label churn and resyncs do not),
 * plus creations and deletions after the first list. Only names and generations are kept.
 */
export class WorkloadChangeWatcher {
  private readonly informers: Array<Informer<KubernetesObject>> = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly options: {
      cluster: KubemateCluster;
      kinds: WatchableKind[];
      /** Only changes in these namespaces; all when empty. */
      namespaces?: string[];
      onChange: (change: WorkloadChange) => void;
      logger: LoggerService;
      maxBackoffMs?: number;
    },
  ) {}

  /** Starts every informer; resolves once each listed (or failed and is retrying). */
  async start(): Promise<void> {
    await Promise.all(this.options.kinds.map(kind => this.watch(kind)));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.retryTimers) clearTimeout(t);
    for (const informer of this.informers) informer.stop().catch(() => {});
  }

  private async watch(kind: WatchableKind) {
    const { cluster, namespaces, onChange, logger } = this.options;
    const { apiVersion, plural } = WATCHABLE_KINDS[kind];
    const kc = cluster.kubeConfig;
    const api = kc.makeApiClient(KubernetesObjectApi);
    let listed = false;
    // Keep only what change detection needs; the informer caches what the list returns.
    const slim = (o: KubernetesObject): KubernetesObject => ({
      metadata: {
        name: o.metadata?.name,
        namespace: o.metadata?.namespace,
        uid: o.metadata?.uid,
        resourceVersion: o.metadata?.resourceVersion,
        generation: o.metadata?.generation,
      },
    });
    const list = async (): Promise<KubernetesListObject<KubernetesObject>> => {
      const result = await api.list(apiVersion, kind);
      return { ...result, items: result.items.map(slim) };
    };
    const informer = makeInformer<KubernetesObject>(
      kc,
      `/apis/${apiVersion}/${plural}`,
      list,
    );
    this.informers.push(informer);
    const generations = new Map<string, number | undefined>();
    const key = (o: KubernetesObject) =>
      o.metadata?.uid ?? `${o.metadata?.namespace}/${o.metadata?.name}`;
    const report = (o: KubernetesObject, type: WorkloadChange['type']) => {
      const ns = o.metadata?.namespace;
      if (!listed || !o.metadata?.name) return;
      if (namespaces?.length && (!ns || !namespaces.includes(ns))) return;
      onChange({ kind, namespace: ns, name: o.metadata.name, type });
    };
    informer.on('add', o => {
      generations.set(key(o), o.metadata?.generation);
      report(o, 'created');
    });
    informer.on('update', o => {
      const k = key(o);
      const before = generations.get(k);
      generations.set(k, o.metadata?.generation);
      if (before !== o.metadata?.generation) report(o, 'updated');
    });
    informer.on('delete', o => {
      generations.delete(key(o));
      report(o, 'deleted');
    });
    let retries = 0;
    const restart = (err: unknown) => {
      if (this.stopped) return;
      const delay = Math.min(
        this.options.maxBackoffMs ?? 30_000,
        500 * 2 ** retries++,
      );
      logger.warn(
        `Change watch of ${plural} on cluster '${cluster.name}' failed (${
          err instanceof Error ? err.message : String(err)
        }); retrying in ${delay} ms`,
      );
      const t = setTimeout(() => {
        this.retryTimers.delete(t);
        if (this.stopped) return;
        informer.start().then(() => {
          listed = true;
        }, restart);
      }, delay);
      t.unref?.();
      this.retryTimers.add(t);
    };
    informer.on('error', restart);
    informer.on('connect', () => {
      retries = 0;
    });
    // Objects of the first list are not changes; later adds (after a relist too) are.
    try {
      await informer.start();
      listed = true;
    } catch (e) {
      restart(e);
    }
  }
}
