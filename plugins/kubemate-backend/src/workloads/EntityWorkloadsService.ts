import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { GatewayTimeoutError } from '../service/httpErrors';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  NAMESPACE_RESOURCE,
  resolveEntityMapping,
  type ClusterWorkloads,
  type EntityMapping,
  type EntityWorkloadsResponse,
  type KubeObject,
  type WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';
import type { ClusterService } from '../clusters/ClusterService';
import { LiveEntities } from '../live/LiveEntities';
import type { SerializedAnswer } from '../live/SerializedAnswer';
import { selectionOf, type EntitySelection } from '../live/entityChanges';
import type { ClusterWatchCache } from '../clusters/ClusterWatchCache';
import { waitAtMost } from '../clusters/waitAtMost';
import {
  normalizeRef,
  ownerRefOf,
  type NamespaceTenancy,
} from '../tenancy/NamespaceTenancy';
import {
  emptyResources,
  hideSecretValues,
  selectEntityObjects,
} from './selectEntityObjects';

const DEFAULT_MAPPING_CACHE_MS = 5_000;
const MAPPING_CACHE_SIZE = 10_000;

function principalOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return p.userEntityRef ?? p.subject ?? 'anonymous';
}

/** The signed-in user behind a request, if it is one (services get no signals). */
function userOf(credentials: BackstageCredentials): string | undefined {
  const p = credentials.principal as { type?: string; userEntityRef?: string };
  return p.type === 'user' ? p.userEntityRef : undefined;
}

/** An entity's workloads across its clusters, served from per-cluster watch caches. */
export class EntityWorkloadsService {
  private readonly live: LiveEntities;
  private readonly mappingCache = new Map<
    string,
    { expires: number; mappings: Promise<EntityMapping[]> }
  >();

  constructor(
    private readonly deps: {
      clusters: ClusterService;
      catalog: CatalogService;
      logger: LoggerService;
      /** Which namespaces an entity's owner may map. */
      tenancy: NamespaceTenancy;
      /** How long a first request waits for a cluster's caches to fill. */
      syncTimeoutMs: number;
      /** How long an entity's resolved mapping is reused per caller; default 5 s, 0 = never. */
      mappingCacheMs?: number;
      /** Kept answers and change signals; by default kept answers without signals. */
      live?: LiveEntities;
    },
  ) {
    this.live = deps.live ?? new LiveEntities({ logger: deps.logger });
  }

  /** The cluster's shared informers; none for a cluster whose definition is unusable. */
  private cacheOf(cluster: KubemateCluster): ClusterWatchCache | undefined {
    return cluster.configError
      ? undefined
      : this.deps.clusters.watchCache(cluster.name);
  }

  /** Secret values are never part of it (`_options` cannot ask for them): only their sizes. */
  async getWorkloads(
    entityRef: string,
    credentials: BackstageCredentials,
    _options?: { showSecretValues?: false },
  ): Promise<EntityWorkloadsResponse> {
    const mappings = await this.mappingsOf(entityRef, credentials);
    return (await this.build(entityRef, mappings)).value;
  }

  /**
   * `getWorkloads` serialized, reused until a change concerns it. Kept per resolved mapping
   * (the catalog answers each caller with their own read permissions), so no caller ever gets
   * what another one was allowed to see. Secret values are never in it: a value is revealed
   * one key at a time (`configData/`).
   */
  async getWorkloadsAnswer(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<SerializedAnswer> {
    const mappings = await this.mappingsOf(entityRef, credentials);
    const clusters = this.clustersOf(mappings).map(({ cluster }) => cluster);
    return this.live.answer({
      entityRef,
      mappings,
      clusters: clusters.map(c => c.name),
      variant: 'secret-keys',
      reader: userOf(credentials),
      // A cluster that is not synced is retried on every request, not remembered.
      keep: clusters.every(c => this.cacheOf(c)?.isSynced() ?? true),
      build: () => this.build(entityRef, mappings),
    });
  }

  /** All of the entity's objects in one cluster (Secret values hidden), for operations. */
  async objectsInCluster(
    entityRef: string,
    credentials: BackstageCredentials,
    clusterName: string,
  ): Promise<Record<WorkloadPlural, KubeObject[]>> {
    const cluster = this.deps.clusters.get(clusterName);
    const mappings = (await this.mappingsOf(entityRef, credentials)).filter(
      m => m.clusters.length === 0 || m.clusters.includes(clusterName),
    );
    if (mappings.length === 0) {
      throw new NotFoundError(
        `${entityRef} has no workloads in cluster ${clusterName}`,
      );
    }
    const read = await this.readCluster(cluster, mappings);
    // A cluster that does not answer in time is a 504, as for the calls an action makes.
    if (read.status === 'error' && this.cacheOf(cluster)?.timedOut()) {
      throw new GatewayTimeoutError(
        `Cluster ${clusterName} could not be read: ${read.error}`,
      );
    }
    if (read.status === 'error') {
      throw new ServiceUnavailableError(
        `Cluster ${clusterName} could not be read: ${read.error}`,
      );
    }
    return read.resources;
  }

  async stop(): Promise<void> {
    // The informers belong to the cluster service, which stops them.
    this.live.stop();
  }

  /** The clusters some of the mappings apply to, each with those mappings. */
  private clustersOf(mappings: EntityMapping[]) {
    return this.deps.clusters.clusters
      .map(cluster => ({
        cluster,
        applicable: mappings.filter(
          m => m.clusters.length === 0 || m.clusters.includes(cluster.name),
        ),
      }))
      .filter(({ applicable }) => applicable.length > 0);
  }

  private async build(
    entityRef: string,
    mappings: EntityMapping[],
  ): Promise<{
    value: EntityWorkloadsResponse;
    selections: Map<string, EntitySelection>;
  }> {
    const clusters: ClusterWorkloads[] = [];
    const selections = new Map<string, EntitySelection>();
    for (const { cluster, applicable } of this.clustersOf(mappings)) {
      const read = await this.readCluster(cluster, applicable);
      clusters.push(read);
      selections.set(cluster.name, selectionOf(read.resources));
    }
    return {
      value: {
        entityRef,
        mappings,
        secretValuesHidden: true,
        clusters,
      },
      selections,
    };
  }

  private async readCluster(
    cluster: KubemateCluster,
    mappings: EntityMapping[],
  ): Promise<ClusterWorkloads> {
    const base = {
      cluster: cluster.name,
      ...(cluster.title ? { title: cluster.title } : {}),
    };
    const cache = this.cacheOf(cluster);
    if (!cache) {
      return {
        ...base,
        status: 'error',
        error: cluster.configError,
        resources: emptyResources(),
      };
    }
    this.live.watch(cluster.name, cache);
    await waitAtMost(cache.start(), this.deps.syncTimeoutMs);
    if (!cache.isSynced()) {
      return {
        ...base,
        status: 'error',
        error:
          cache.problem() ??
          `cluster did not answer within ${this.deps.syncTimeoutMs} ms`,
        resources: emptyResources(),
      };
    }
    // Tenancy: only namespaces each mapping's owner owns or shares are read at all.
    const namespaces = cache.list(NAMESPACE_RESOURCE);
    const problems: string[] = [];
    const confined: EntityMapping[] = [];
    for (const m of mappings) {
      const c = this.deps.tenancy.confine(cluster.name, m, namespaces);
      problems.push(...c.problems);
      if (c.mapping) confined.push(c.mapping);
    }
    const resources = selectEntityObjects(confined, cache);
    resources.secrets = hideSecretValues(resources.secrets);
    return {
      ...base,
      status: 'ok',
      ...(problems.length > 0 ? { problems } : {}),
      resources,
    };
  }

  /**
   * `resolveMappings`, remembered briefly per caller and entity: the Workloads tab polls every
   * few seconds, and each poll would otherwise be one or two catalog round trips. Per caller,
   * because the catalog answers with that caller's read permissions.
   */
  private mappingsOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityMapping[]> {
    const ttl = this.deps.mappingCacheMs ?? DEFAULT_MAPPING_CACHE_MS;
    if (ttl <= 0) return this.resolveMappings(entityRef, credentials);
    const now = Date.now();
    const key = `${principalOf(credentials)}\u0000${entityRef}`;
    const hit = this.mappingCache.get(key);
    if (hit && hit.expires > now) return hit.mappings;
    if (this.mappingCache.size >= MAPPING_CACHE_SIZE) {
      for (const [k, v] of this.mappingCache) {
        if (v.expires <= now) this.mappingCache.delete(k);
      }
      if (this.mappingCache.size >= MAPPING_CACHE_SIZE)
        this.mappingCache.clear();
    }
    const mappings = this.resolveMappings(entityRef, credentials);
    this.mappingCache.set(key, { expires: now + ttl, mappings });
    mappings.catch(() => this.mappingCache.delete(key));
    return mappings;
  }

  /**
   * The entity's own mapping, or for a System the mappings of its components and resources,
   * each with its entity and owner (tenancy is decided per member, by the member's owner).
   */
  private async resolveMappings(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityMapping[]> {
    const [entity, members] = await catalogCall(async () => {
      const found = await this.deps.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      if (!found) {
        throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
      }
      return [
        found,
        found.kind.toLowerCase() === 'system'
          ? await this.membersOf(found, credentials)
          : [],
      ] as const;
    });
    return [entity, ...members].flatMap(e => {
      const mapping = resolveEntityMapping(e.metadata.annotations);
      if (!mapping) return [];
      const owner = ownerRefOf(e);
      return [
        {
          ...mapping,
          entityRef: stringifyEntityRef(e),
          ...(owner ? { owner } : {}),
        },
      ];
    });
  }

  /**
   * A System's members by full ref: `spec.system` written in full, or as a bare name by a
   * member of the System's own catalog namespace (a bare name means that namespace).
   */
  private async membersOf(
    system: Entity,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const ref = stringifyEntityRef(system);
    const namespace = system.metadata.namespace ?? 'default';
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: ['component', 'resource'].flatMap(kind => [
          { kind, 'spec.system': ref } as Record<string, string>,
          {
            kind,
            'spec.system': system.metadata.name,
            'metadata.namespace': namespace,
          },
        ]),
      },
      { credentials },
    );
    return items.filter(member => {
      const declared = (member.spec as { system?: unknown } | undefined)
        ?.system;
      if (typeof declared !== 'string') return false;
      try {
        return (
          normalizeRef(declared, {
            kind: 'system',
            namespace: member.metadata.namespace,
          }) === ref.toLocaleLowerCase('en-US')
        );
      } catch {
        return false;
      }
    });
  }
}

/** Answers of the catalog that are about the request, passed on as they are. */
const CATALOG_VERDICTS = new Set([
  'NotFoundError',
  'NotAllowedError',
  'AuthenticationError',
  'InputError',
]);

/**
 * A catalog call whose failure (the catalog down or unreachable) is a 503 of this panel, with
 * the reason, rather than a 500; a timeout keeps its own error.
 */
async function catalogCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const name = (e as Error | undefined)?.name ?? '';
    if (CATALOG_VERDICTS.has(name) || name.endsWith('TimeoutError')) throw e;
    throw new ServiceUnavailableError(
      `The catalog could not be read: ${(e as Error)?.message ?? e}`,
    );
  }
}
