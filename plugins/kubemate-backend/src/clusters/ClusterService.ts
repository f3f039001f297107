import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  RESOURCE_TYPES,
  resourceId,
  type ClusterSummary,
  type ResourceStatus,
} from '@kubemate/plugin-kubemate-common';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';
import type { ClusterStatusStore } from '../database/ClusterStatusStore';
import { createClusterClients, type ClusterClients } from './ClusterClients';
import { ClusterProber } from './ClusterProber';
import {
  ClusterWatchCache,
  type ClusterWatchCacheOptions,
} from './ClusterWatchCache';

export interface ClusterServiceOptions {
  clusters: KubemateCluster[];
  logger: LoggerService;
  /** Remembers when each cluster last answered; without it summaries carry no `lastSeenAt`. */
  store?: ClusterStatusStore;
  /** Deadline of a reachability probe (`/version`); default 3 s. */
  probeTimeoutMs?: number;
  /** Deadline of every other API request made through `clients`; default 30 s. */
  requestTimeoutMs?: number;
  /** Backoff and resync of the shared informers. */
  watch?: Partial<ClusterWatchCacheOptions>;
}

const OPTIONAL_RESOURCES = RESOURCE_TYPES.filter(r => 'optional' in r);

/**
 * The one cluster layer: the configured clusters by name, one set of API clients per cluster,
 * one shared informer per (cluster, resource) through the cluster's `ClusterWatchCache`, the
 * state of each resource type (optional kinds a cluster lacks are `not-installed`), and the
 * clusters' reachability with the remembered last-seen times.
 */
export class ClusterService {
  private readonly byName: Map<string, KubemateCluster>;
  private readonly clientsByName = new Map<string, ClusterClients>();
  private readonly caches = new Map<string, ClusterWatchCache>();
  private readonly prober: ClusterProber;
  private stopped = false;

  constructor(private readonly options: ClusterServiceOptions) {
    this.byName = new Map(options.clusters.map(c => [c.name, c]));
    this.prober = new ClusterProber({
      timeoutMs: options.probeTimeoutMs ?? 3000,
      versionApi: cluster => this.clients(cluster.name).version,
    });
  }

  get clusters(): KubemateCluster[] {
    return this.options.clusters;
  }

  /** The cluster named so; NotFoundError (404) for a name no configuration defines. */
  get(name: string): KubemateCluster {
    const cluster = this.byName.get(name);
    if (!cluster) throw new NotFoundError(`No cluster '${name}'`);
    return cluster;
  }

  /** The cluster, if Kubemate can talk to it; InputError (400) when its definition is unusable. */
  usable(name: string): KubemateCluster {
    const cluster = this.get(name);
    if (cluster.configError) {
      throw new InputError(
        `Cluster '${name}' cannot be used: ${cluster.configError}`,
      );
    }
    return cluster;
  }

  /** The cluster's API clients, built once; each request they make has a deadline. */
  clients(name: string): ClusterClients {
    let clients = this.clientsByName.get(name);
    if (!clients) {
      clients = createClusterClients(this.usable(name).kubeConfig, {
        timeoutMs: this.options.requestTimeoutMs ?? 30_000,
        cluster: name,
      });
      this.clientsByName.set(name, clients);
    }
    return clients;
  }

  /**
   * The cluster's shared informers: every consumer (entity pages, change triggers, routes…)
   * reads and subscribes through this one cache, which watches a resource once from the first
   * time someone asks for it (`ensure`, or `start` for the Workloads tab's resources).
   */
  watchCache(name: string): ClusterWatchCache {
    let cache = this.caches.get(name);
    if (!cache) {
      if (this.stopped) throw new InputError('Kubemate is shutting down');
      cache = new ClusterWatchCache(
        this.usable(name),
        this.clients(name),
        this.options.logger.child({ cluster: name }),
        this.options.watch,
      );
      this.caches.set(name, cache);
    }
    return cache;
  }

  /**
   * Where each resource type stands in the cluster: the watched ones as their informers
   * report, and every optional kind not watched yet by the API server's discovery
   * (`installed` or `not-installed`).
   */
  async resourceStatus(name: string): Promise<ResourceStatus[]> {
    const states = this.caches.get(name)?.states() ?? new Map();
    const out: ResourceStatus[] = [];
    for (const [id, s] of states) {
      const r = RESOURCE_TYPES.find(t => resourceId(t) === id)!;
      out.push({
        id,
        kind: r.kind,
        apiVersion: r.apiVersion,
        status: s.state,
        ...(s.state === 'error' ? { error: s.error } : {}),
      });
    }
    const unwatched = OPTIONAL_RESOURCES.filter(
      r => !states.has(resourceId(r)),
    );
    if (unwatched.length === 0) return out;
    const { objects } = this.clients(name);
    out.push(
      ...(await Promise.all(
        unwatched.map(async (r): Promise<ResourceStatus> => {
          const base = {
            id: resourceId(r),
            kind: r.kind,
            apiVersion: r.apiVersion,
          };
          try {
            return {
              ...base,
              status: (await objects.serves(r.apiVersion, r.kind))
                ? 'installed'
                : 'not-installed',
            };
          } catch (e) {
            return {
              ...base,
              status: 'error',
              error: e instanceof Error ? e.message : String(e),
            };
          }
        }),
      )),
    );
    return out;
  }

  /**
   * Probes every cluster now, records the results and returns the summaries; reachable ones
   * carry their optional resource types (`resources`).
   */
  async listWithStatus(): Promise<ClusterSummary[]> {
    const { clusters, store } = this.options;
    const probes = await this.prober.probeAll(clusters);
    await store?.record(probes);
    const stored = new Map(
      ((await store?.list()) ?? []).map(s => [s.clusterName, s]),
    );
    return Promise.all(
      clusters.map(async (cluster, i) => {
        const probe = probes[i];
        const lastSeenAt = stored.get(cluster.name)?.lastSeenAt;
        return {
          name: cluster.name,
          ...(cluster.title ? { title: cluster.title } : {}),
          source: cluster.source,
          url: cluster.url,
          reachable: probe.reachable,
          ...(probe.version ? { version: probe.version } : {}),
          ...(probe.error ? { error: probe.error } : {}),
          ...(probe.latencyMs !== undefined
            ? { latencyMs: probe.latencyMs }
            : {}),
          checkedAt: probe.checkedAt.toISOString(),
          ...(lastSeenAt ? { lastSeenAt: lastSeenAt.toISOString() } : {}),
          ...(probe.reachable
            ? { resources: await this.resourceStatus(cluster.name) }
            : {}),
        };
      }),
    );
  }

  /** Background refresh used by the scheduler; logs what changed, never throws per cluster. */
  async refresh(): Promise<void> {
    const probes = await this.prober.probeAll(this.options.clusters);
    await this.options.store?.record(probes);
    for (const p of probes) {
      if (!p.reachable) {
        this.options.logger.warn(
          `Cluster '${p.clusterName}' is unreachable: ${p.error}`,
        );
      }
    }
  }

  /** Stops every informer. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.caches.values()].map(c => c.stop()));
  }
}
