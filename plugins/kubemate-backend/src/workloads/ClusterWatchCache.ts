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

interface WatchedResource {
  resource: WorkloadResource;
  informer: CachedInformer;
  index: ObjectIndex;
  synced: boolean;
  lastError?: string;
  retries: number;
  retryTimer?: NodeJS.Timeout;
}

const watchPath = (r: WorkloadResource) =>
  r.apiVersion.includes('/')
    ? `/apis/${r.apiVersion}/${r.plural}`
    : `/api/${r.apiVersion}/${r.plural}`;

/**
 * One cluster's objects, kept current by a list+watch informer per resource, so entity pages
 * are served from memory instead of a LIST per page view. A watch that fails is restarted with
 * exponential backoff (the informer re-lists on restart, which also resyncs).
 */
export class ClusterWatchCache {
  private readonly watched = new Map<WorkloadPlural, WatchedResource>();
  private starting?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly cluster: KubemateCluster,
    private readonly logger: LoggerService,
    private readonly options: { maxBackoffMs: number } = {
      maxBackoffMs: 30_000,
    },
  ) {}

  get name(): string {
    return this.cluster.name;
  }

  /** Starts every informer once; resolves when each has listed at least once or failed. */
  start(): Promise<void> {
    this.starting ??= Promise.all(
      WORKLOAD_RESOURCES.map(resource => this.startResource(resource)),
    ).then(() => undefined);
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
    const w = this.watched.get(plural);
    return w ? (w.informer.list() as unknown as KubeObject[]) : [];
  }

  /** Cached objects filed under an index key (`indexKey.*`), without scanning the rest. */
  lookup(plural: WorkloadPlural, key: string): Iterable<KubeObject> {
    return this.watched.get(plural)?.index.lookup(key) ?? [];
  }

  /** One cached object by namespace and name. */
  get(
    plural: WorkloadPlural,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    return this.watched.get(plural)?.informer.get(name, namespace) as
      | KubeObject
      | undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.watched.values()].map(async w => {
        clearTimeout(w.retryTimer);
        await w.informer.stop().catch(() => undefined);
      }),
    );
  }

  private async startResource(resource: WorkloadResource): Promise<void> {
    const kc = this.cluster.kubeConfig;
    const objects = KubernetesObjectApi.makeApiClient(kc);
    // The informer announces CONNECT before it lists and its start() resolves even when the
    // list fails, so "synced" is set here: a list succeeded since the last error.
    const state: Omit<WatchedResource, 'informer'> = {
      resource,
      index: new ObjectIndex(),
      synced: false,
      retries: 0,
    };
    const list = async () => {
      const result = await objects.list(resource.apiVersion, resource.kind);
      state.synced = true;
      state.retries = 0;
      state.lastError = undefined;
      return result;
    };
    const informer = makeInformer<KubernetesObject>(
      kc,
      watchPath(resource),
      list,
    ) as CachedInformer;
    const w: WatchedResource = Object.assign(state, { informer });
    this.watched.set(resource.plural as WorkloadPlural, w);

    // List items from the API carry no kind/apiVersion: stamp them once as they arrive, and
    // drop managedFields, which no view shows, to save memory and response size.
    const put = (o: KubernetesObject) => {
      const object = o as unknown as KubeObject;
      if (!object.kind) {
        object.kind = resource.kind;
        object.apiVersion = resource.apiVersion;
      }
      delete object.metadata.managedFields;
      w.index.put(object);
    };
    informer.on('add', put);
    informer.on('update', put);
    informer.on('delete', o => w.index.remove(o as unknown as KubeObject));

    informer.on('error', (err?: unknown) => {
      w.synced = false;
      w.lastError = describeError(err);
      this.scheduleRestart(w);
    });
    await informer.start().catch((err: unknown) => {
      w.lastError = describeError(err);
      this.scheduleRestart(w);
    });
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
      if (this.stopped) return;
      // Errors of the restarted list/watch arrive through the 'error' handler again.
      w.informer.start().catch(() => undefined);
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
