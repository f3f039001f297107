import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  makeInformer,
  type Informer,
  type KubernetesObject,
  type ObjectCache,
} from '@kubernetes/client-node';
import {
  collectionPath,
  ENTITY_VIEW_RESOURCES,
  resourceId,
  WORKLOAD_RESOURCES,
  type EntityViewPlural,
  type KubeObject,
  type ResourceType,
  type WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';
import type { ClusterClients } from './ClusterClients';
import { listPaged } from '../kube/listPaged';
import { ObjectIndex } from './ObjectIndex';

type CachedInformer = Informer<KubernetesObject> &
  ObjectCache<KubernetesObject>;

/** One list+watch of a resource and the index fed by it. */
interface Generation {
  informer: CachedInformer;
  index: ObjectIndex;
}

interface WatchedResource {
  resource: ResourceType;
  /** The generation requests are served from: the newest one whose list succeeded. */
  current?: Generation;
  synced: boolean;
  /** An optional kind the API server's discovery does not list (checked again at each resync). */
  notInstalled?: boolean;
  lastError?: string;
  /** The last error was the cluster not answering in time (a 504, not a 503, to callers). */
  lastErrorTimedOut?: boolean;
  retries: number;
  retryTimer?: NodeJS.Timeout;
  /** The first attempt, which `ensure` waits for. */
  first?: Promise<void>;
}

/** Where one resource of a cluster stands. */
export type ResourceState =
  | { state: 'pending' }
  | { state: 'synced' }
  | { state: 'not-installed' }
  | { state: 'error'; error: string };

export interface ClusterWatchCacheOptions {
  /** Longest wait between restarts of a failed watch. */
  maxBackoffMs: number;
  /** How often every resource is listed afresh to heal any drift; 0 turns it off. */
  resyncIntervalMs: number;
}

/** Objects per LIST page: bounds the transient memory of a (re)list of a large collection. */
const LIST_PAGE_SIZE = 500;

/**
 * A change seen by the cache: one object added, updated or deleted, or a whole resource
 * re-listed (`resync`: a new generation was swapped in, any object may have changed).
 */
export interface CacheChange {
  plural: EntityViewPlural;
  type: 'add' | 'update' | 'delete' | 'resync';
  /** The object (absent for `resync`). Cached, not a copy: do not mutate. */
  object?: KubeObject;
}

export type CacheChangeListener = (change: CacheChange) => void;

/** A change of any watched resource (see `subscribeTo`). */
export interface ResourceChange {
  resource: ResourceType;
  type: CacheChange['type'];
  /** The object (absent for `resync`). Cached, not a copy: do not mutate. */
  object?: KubeObject;
}

type Listener = {
  ids: ReadonlySet<string>;
  notify: (resource: ResourceType, change: ResourceChange) => void;
};

const ENTITY_VIEW_IDS: ReadonlySet<string> = new Set(
  ENTITY_VIEW_RESOURCES.map(resourceId),
);
const WORKLOAD_BY_PLURAL = new Map<string, ResourceType>(
  WORKLOAD_RESOURCES.map(r => [r.plural, r]),
);

/** A workload resource by its plural, or any registered resource type. */
export type ResourceRef = WorkloadPlural | ResourceType;

const idOf = (ref: ResourceRef) =>
  resourceId(typeof ref === 'string' ? WORKLOAD_BY_PLURAL.get(ref)! : ref);

const DEFAULTS: ClusterWatchCacheOptions = {
  maxBackoffMs: 30_000,
  resyncIntervalMs: 10 * 60_000,
};

/**
 * One cluster's objects, kept current by one list+watch informer per resource that every
 * consumer shares (entity pages, change triggers, routes…), so they are served from memory
 * instead of a LIST per page view. A resource is watched from the first time it is asked for
 * (`ensure`); `start` asks for what entity pages need.
 *
 * An optional resource (a CRD kind) is first looked up in the API server's discovery: when the
 * cluster does not serve it, it is reported `not-installed` and never counts against being in
 * sync; each resync looks again, so a CRD installed later starts being watched.
 *
 * Every (re)start is a new generation with a fresh LIST: client-node's informer, restarted after
 * an error, would resume the watch from its old resourceVersion without listing, so it would
 * never learn what changed while it was away. A failed watch is restarted with exponential
 * backoff; a periodic resync lists again in the background and swaps the new generation in only
 * once its list succeeded, so requests keep being answered meanwhile.
 */
export class ClusterWatchCache {
  private readonly watched = new Map<string, WatchedResource>();
  private readonly listeners = new Set<Listener>();
  private readonly options: ClusterWatchCacheOptions;
  private resyncTimer?: NodeJS.Timeout;
  private stopped = false;
  private opened = 0;

  constructor(
    private readonly cluster: KubemateCluster,
    private readonly clients: Pick<ClusterClients, 'kubeConfig' | 'raw'>,
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

  /** Informers (list+watch generations) opened so far, for tests and figures. */
  get informersOpened(): number {
    return this.opened;
  }

  /**
   * Starts the informers of entity pages (workload kinds and namespaces) once; resolves when
   * each has listed once or failed.
   */
  start(): Promise<void> {
    return this.ensure(ENTITY_VIEW_RESOURCES);
  }

  /**
   * Starts watching the given resources, each once however often it is asked; resolves when
   * each has listed at least once, failed, or turned out not to be installed.
   */
  async ensure(resources: readonly ResourceType[]): Promise<void> {
    await Promise.all(
      resources.map(resource => {
        const id = resourceId(resource);
        let w = this.watched.get(id);
        if (!w) {
          w = { resource, synced: false, retries: 0 };
          this.watched.set(id, w);
          w.first = this.open(w);
        }
        return w.first;
      }),
    );
    if (
      this.options.resyncIntervalMs > 0 &&
      !this.stopped &&
      !this.resyncTimer
    ) {
      this.resyncTimer = setInterval(
        () => this.resync(),
        this.options.resyncIntervalMs,
      );
      this.resyncTimer.unref?.();
    }
  }

  /**
   * True when every given resource (by default the Workloads tab's) has been listed since its
   * last failure; an optional resource the cluster does not have counts as synced.
   */
  isSynced(resources: readonly ResourceRef[] = ENTITY_VIEW_RESOURCES): boolean {
    return resources.every(r => {
      const w = this.watched.get(idOf(r));
      return !!w && (w.synced || !!w.notInstalled);
    });
  }

  /** The first problem of a resource that is not synced, to show per cluster. */
  problem(
    resources: readonly ResourceRef[] = ENTITY_VIEW_RESOURCES,
  ): string | undefined {
    const broken = resources
      .map(r => this.watched.get(idOf(r)))
      .find(w => w && !w.synced && !w.notInstalled && w.lastError);
    return broken
      ? `${broken.resource.plural}: ${broken.lastError}`
      : undefined;
  }

  /**
   * Whether the resources are not synced because the cluster does not answer in time: still
   * waiting for their first list, or their last list timed out.
   */
  timedOut(resources: readonly ResourceRef[] = ENTITY_VIEW_RESOURCES): boolean {
    return resources
      .map(r => this.watched.get(idOf(r)))
      .some(
        w =>
          w &&
          !w.synced &&
          !w.notInstalled &&
          (!w.lastError || w.lastErrorTimedOut),
      );
  }

  /** Where each resource watched so far stands, by resource id (`resourceId`). */
  states(): Map<string, ResourceState> {
    const states = new Map<string, ResourceState>();
    for (const [id, w] of this.watched) {
      let state: ResourceState;
      if (w.synced) state = { state: 'synced' };
      else if (w.notInstalled) state = { state: 'not-installed' };
      else if (w.lastError) state = { state: 'error', error: w.lastError };
      else state = { state: 'pending' };
      states.set(id, state);
    }
    return states;
  }

  /** Whether a resource has a listed generation to serve (it may be re-listing after a failure). */
  isServed(resource: ResourceRef): boolean {
    return !!this.watched.get(idOf(resource))?.current;
  }

  /** The cached objects themselves (not copies: do not mutate). */
  list(resource: ResourceRef): KubeObject[] {
    const informer = this.watched.get(idOf(resource))?.current?.informer;
    return informer ? (informer.list() as unknown as KubeObject[]) : [];
  }

  /** Cached objects filed under an index key (`indexKey.*`), without scanning the rest. */
  lookup(resource: ResourceRef, key: string): Iterable<KubeObject> {
    return this.watched.get(idOf(resource))?.current?.index.lookup(key) ?? [];
  }

  /** One cached object by namespace ('' for cluster-scoped kinds) and name. */
  get(
    resource: ResourceRef,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    return this.watched
      .get(idOf(resource))
      ?.current?.informer.get(name, namespace || undefined) as
      | KubeObject
      | undefined;
  }

  /**
   * Calls `listener` after every change of the served objects of entity pages' resources
   * (never for a background list that is not swapped in yet). Returns the unsubscribe function.
   */
  subscribe(listener: CacheChangeListener): () => void {
    return this.listen(ENTITY_VIEW_IDS, (resource, change) =>
      listener({
        plural: resource.plural as EntityViewPlural,
        type: change.type,
        ...(change.object ? { object: change.object } : {}),
      }),
    );
  }

  /**
   * Like `subscribe`, for any resources (watch them with `ensure`). Returns the unsubscribe
   * function.
   */
  subscribeTo(
    resources: readonly ResourceType[],
    listener: (change: ResourceChange) => void,
  ): () => void {
    return this.listen(new Set(resources.map(resourceId)), (_, change) =>
      listener(change),
    );
  }

  private listen(ids: ReadonlySet<string>, notify: Listener['notify']) {
    const entry: Listener = { ids, notify };
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  private emit(resource: ResourceType, change: ResourceChange) {
    const id = resourceId(resource);
    for (const listener of this.listeners) {
      if (!listener.ids.has(id)) continue;
      try {
        listener.notify(resource, change);
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
    // Listed as the API server's JSON (RawObjectApi): the typed client would build a second,
    // converted copy of every object, and watch events arrive as plain JSON anyway.
    const { kubeConfig: kc, raw: objects } = this.clients;
    if (resource.optional && !w.current) {
      let served: boolean;
      try {
        served = await objects.serves(resource.apiVersion, resource.kind);
      } catch (err) {
        if (this.stopped) return;
        w.notInstalled = false;
        w.synced = false;
        w.lastError = `discovery failed: ${describeError(err)}`;
        this.scheduleRestart(w);
        return;
      }
      if (this.stopped) return;
      if (!served) {
        // Not an error: looked for again at the next resync.
        w.notInstalled = true;
        w.synced = false;
        w.lastError = undefined;
        return;
      }
      w.notInstalled = false;
    }
    let listed = false;
    this.opened++;
    const informer = makeInformer<KubernetesObject>(
      kc,
      collectionPath(resource),
      async () => {
        const result = await listPaged(
          objects,
          resource.apiVersion,
          resource.kind,
          LIST_PAGE_SIZE,
        );
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
    const served = () => w.current === generation;
    informer.on('add', o => {
      const object = put(o);
      if (served()) this.emit(resource, { resource, type: 'add', object });
    });
    informer.on('update', o => {
      const object = put(o);
      if (served()) this.emit(resource, { resource, type: 'update', object });
    });
    informer.on('delete', o => {
      const object = o as unknown as KubeObject;
      generation.index.remove(object);
      if (served()) this.emit(resource, { resource, type: 'delete', object });
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
    this.emit(resource, { resource, type: 'resync' });
    if (previous) await previous.informer.stop().catch(() => undefined);
  }

  private fail(w: WatchedResource, generation: Generation, err: unknown) {
    w.synced = false;
    w.lastError = describeError(err);
    w.lastErrorTimedOut = isTimeout(err);
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

/** The cluster layer's deadline passed (the error or its cause is its GatewayTimeoutError). */
function isTimeout(err: unknown): boolean {
  const e = err as (Error & { cause?: unknown }) | undefined;
  return (
    e?.name === 'GatewayTimeoutError' ||
    (e?.cause as Error | undefined)?.name === 'GatewayTimeoutError'
  );
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
