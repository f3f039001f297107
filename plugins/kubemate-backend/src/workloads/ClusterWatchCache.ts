import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubernetesObjectApi,
  makeInformer,
  type Informer,
  type KubernetesObject,
  type ObjectCache,
} from '@kubernetes/client-node';
import {
  WORKLOAD_RESOURCES,
  type KubeObject,
  type WorkloadPlural,
  type WorkloadResource,
} from '@kubemate/plugin-kubemate-common';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';
import { ObjectIndex } from './ObjectIndex';

type CachedInformer = Informer<KubernetesObject> &
  ObjectCache<KubernetesObject>;

/** One list+watch of a resource and the index fed by it. */
interface Generation {
  informer: CachedInformer;
  index: ObjectIndex;
}

interface WatchedResource {
  resource: WorkloadResource;
  /** The generation requests are served from: the newest one whose list succeeded. */
  current?: Generation;
  synced: boolean;
  lastError?: string;
  retries: number;
  retryTimer?: NodeJS.Timeout;
}

export interface ClusterWatchCacheOptions {
  /** Longest wait between restarts of a failed watch. */
  maxBackoffMs: number;
  /** How often every resource is listed afresh to heal any drift; 0 turns it off. */
  resyncIntervalMs: number;
}

/**
 * A change seen by the cache: one object added, updated or deleted, or a whole resource
 * re-listed (`resync`: a new generation was swapped in, any object may have changed).
 */
export interface CacheChange {
  plural: WorkloadPlural;
  type: 'add' | 'update' | 'delete' | 'resync';
  /** The object (absent for `resync`). Cached, not a copy: do not mutate. */
  object?: KubeObject;
}

export type CacheChangeListener = (change: CacheChange) => void;

const DEFAULTS: ClusterWatchCacheOptions = {
  maxBackoffMs: 30_000,
  resyncIntervalMs: 10 * 60_000,
};

const watchPath = (r: WorkloadResource) =>
  r.apiVersion.includes('/')
    ? `/apis/${r.apiVersion}/${r.plural}`
    : `/api/${r.apiVersion}/${r.plural}`;

/**
 * One cluster's objects, kept current by a list+watch informer per resource, so entity pages
 * are served from memory instead of a LIST per page view.
 *
 * Every (re)start is a new generation with a fresh LIST: client-node's informer, restarted after
 * an error, would resume the watch from its old resourceVersion without listing, so it would
 * never learn what changed while it was away. A failed watch is restarted with exponential
 * backoff; a periodic resync lists again in the background and swaps the new generation in only
 * once its list succeeded, so requests keep being answered meanwhile.
 */
export class ClusterWatchCache {
  private readonly watched = new Map<WorkloadPlural, WatchedResource>();
  private readonly listeners = new Set<CacheChangeListener>();
  private readonly options: ClusterWatchCacheOptions;
  private starting?: Promise<void>;
  private resyncTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly cluster: KubemateCluster,
    private readonly logger: LoggerService,
    options: Partial<ClusterWatchCacheOptions> = {},
  ) {
    this.options = {
      maxBackoffMs: options.maxBackoffMs ?? DEFAULTS.maxBackoffMs,
      resyncIntervalMs: options.resyncIntervalMs ?? DEFAULTS.resyncIntervalMs,
    };
  }

  get name(): string {
    return this.cluster.name;
  }

  /** Starts every informer once; resolves when each has listed at least once or failed. */
  start(): Promise<void> {
    this.starting ??= Promise.all(
      WORKLOAD_RESOURCES.map(resource => {
        const w: WatchedResource = { resource, synced: false, retries: 0 };
        this.watched.set(resource.plural as WorkloadPlural, w);
        return this.open(w);
      }),
    ).then(() => {
      if (this.options.resyncIntervalMs > 0 && !this.stopped) {
        this.resyncTimer = setInterval(
          () => this.resync(),
          this.options.resyncIntervalMs,
        );
        this.resyncTimer.unref?.();
      }
    });
    return this.starting;
  }

  /** True when every resource has been listed since the last failure. */
  isSynced(): boolean {
    return (
      this.watched.size === WORKLOAD_RESOURCES.length &&
      [...this.watched.values()].every(w => w.synced)
    );
  }

  /** The first problem of a resource that is not synced, to show per cluster. */
  problem(): string | undefined {
    const broken = [...this.watched.values()].find(
      w => !w.synced && w.lastError,
    );
    return broken
      ? `${broken.resource.plural}: ${broken.lastError}`
      : undefined;
  }

  /** The cached objects themselves (not copies: do not mutate). */
  list(plural: WorkloadPlural): KubeObject[] {
    const informer = this.watched.get(plural)?.current?.informer;
    return informer ? (informer.list() as unknown as KubeObject[]) : [];
  }

  /** Cached objects filed under an index key (`indexKey.*`), without scanning the rest. */
  lookup(plural: WorkloadPlural, key: string): Iterable<KubeObject> {
    return this.watched.get(plural)?.current?.index.lookup(key) ?? [];
  }

  /** One cached object by namespace and name. */
  get(
    plural: WorkloadPlural,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    return this.watched.get(plural)?.current?.informer.get(name, namespace) as
      | KubeObject
      | undefined;
  }

  /**
   * Calls `listener` after every change of the served objects (never for a background list
   * that is not swapped in yet). Returns the unsubscribe function.
   */
  subscribe(listener: CacheChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(change: CacheChange) {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.logger.warn(
          `A listener of cluster '${this.cluster.name}' failed: ${describeError(
            err,
          )}`,
        );
      }
    }
  }

  /** Lists every resource afresh (in the background) and swaps the results in. */
  resync(): void {
    for (const w of this.watched.values()) {
      if (!w.retryTimer) void this.open(w);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.resyncTimer);
    await Promise.all(
      [...this.watched.values()].map(async w => {
        clearTimeout(w.retryTimer);
        await w.current?.informer.stop().catch(() => undefined);
      }),
    );
  }

  /** Starts a new generation; it replaces the current one once its list has succeeded. */
  private async open(w: WatchedResource): Promise<void> {
    const { resource } = w;
    const kc = this.cluster.kubeConfig;
    const objects = KubernetesObjectApi.makeApiClient(kc);
    let listed = false;
    const informer = makeInformer<KubernetesObject>(
      kc,
      watchPath(resource),
      async () => {
        const result = await objects.list(resource.apiVersion, resource.kind);
        listed = true;
        return result;
      },
    ) as CachedInformer;
    const generation: Generation = { informer, index: new ObjectIndex() };
    let failed = false;

    // List items from the API carry no kind/apiVersion: stamp them once as they arrive, and
    // drop managedFields, which no view shows, to save memory and response size.
    const put = (o: KubernetesObject) => {
      const object = o as unknown as KubeObject;
      if (!object.kind) {
        object.kind = resource.kind;
        object.apiVersion = resource.apiVersion;
      }
      delete object.metadata.managedFields;
      generation.index.put(object);
      return object;
    };
    const plural = resource.plural as WorkloadPlural;
    const served = () => w.current === generation;
    informer.on('add', o => {
      const object = put(o);
      if (served()) this.emit({ plural, type: 'add', object });
    });
    informer.on('update', o => {
      const object = put(o);
      if (served()) this.emit({ plural, type: 'update', object });
    });
    informer.on('delete', o => {
      const object = o as unknown as KubeObject;
      generation.index.remove(object);
      if (served()) this.emit({ plural, type: 'delete', object });
    });
    // Errors of the list or of the watch that follows it (410 Gone the informer handles itself).
    // A background resync that fails while the current generation is healthy changes nothing.
    informer.on('error', (err?: unknown) => {
      failed = true;
      if (w.current === generation || !w.synced) {
        this.fail(w, generation, err);
      } else {
        this.logger.debug(
          `Resync of ${resource.plural} on cluster '${
            this.cluster.name
          }' failed: ${describeError(err)}`,
        );
        void informer.stop().catch(() => undefined);
      }
    });

    let startError: unknown;
    await informer.start().catch((err: unknown) => {
      startError = err;
    });
    if (this.stopped) {
      await informer.stop().catch(() => undefined);
      return;
    }
    if (startError !== undefined) {
      this.fail(w, generation, startError);
      return;
    }
    // A failed list, or a watch that failed right after it, was reported by the 'error' handler.
    if (!listed || failed) return;
    const previous = w.current;
    w.current = generation;
    w.synced = true;
    w.retries = 0;
    w.lastError = undefined;
    this.emit({ plural, type: 'resync' });
    if (previous) await previous.informer.stop().catch(() => undefined);
  }

  private fail(w: WatchedResource, generation: Generation, err: unknown) {
    w.synced = false;
    w.lastError = describeError(err);
    void generation.informer.stop().catch(() => undefined);
    this.scheduleRestart(w);
  }

  private scheduleRestart(w: WatchedResource) {
    if (this.stopped || w.retryTimer) return;
    const delay = Math.min(this.options.maxBackoffMs, 500 * 2 ** w.retries);
    w.retries += 1;
    this.logger.warn(
      `Watch of ${w.resource.plural} on cluster '${this.cluster.name}' failed (${w.lastError}); retrying in ${delay} ms`,
    );
    w.retryTimer = setTimeout(() => {
      w.retryTimer = undefined;
      if (!this.stopped) void this.open(w);
    }, delay);
    w.retryTimer.unref?.();
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    return cause instanceof Error
      ? `${err.message}: ${cause.message}`
      : err.message;
  }
  return String(err);
}
