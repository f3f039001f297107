import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  resourceId,
  type ClusterRoutes,
  type HttpRouteObject,
  type ClusterWorkloads,
  type EntityRoutesResponse,
  type KubeObject,
  type ResourceType,
} from '@kubemate/plugin-kubemate-common';
import type { ClusterService } from '../clusters/ClusterService';
import { waitAtMost } from '../clusters/waitAtMost';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import {
  allConflicts,
  listenerConflicts,
  serviceProfileWarnings,
} from './routeParents';
import {
  GATEWAY,
  HTTP_ROUTE,
  INGRESS_ROUTES,
  ROUTE_SCOPE_RESOURCES,
  SERVICE_PROFILE,
  httpRoutesInScope,
  type RouteScope,
} from './RouteScope';
import {
  summarizeGateway,
  summarizeService,
  servicesOfHttpRoute,
  servicesOfIngressRoute,
  summarizeHttpRoute,
  summarizeIngressRoute,
} from './summarizeRoutes';

const ROUTE_RESOURCES = ROUTE_SCOPE_RESOURCES;

/**
 * An entity's routes: the HTTPRoutes and Traefik IngressRoutes, in the namespaces the entity
 * may use, that send traffic to (or, for Linkerd, attach to) one of the entity's Services. Read
 * from the cluster's shared watch caches; a cluster without the CRDs reports them not installed.
 */
export class EntityRoutes {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      workloads: EntityWorkloadsService;
      /** How long a first request waits for a cluster's route caches to fill. */
      syncTimeoutMs: number;
    },
  ) {}

  async read(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityRoutesResponse> {
    const workloads = await this.deps.workloads.getWorkloads(
      entityRef,
      credentials,
      { showSecretValues: false },
    );
    return {
      items: await Promise.all(
        workloads.clusters.map(c => this.readCluster(c)),
      ),
    };
  }

  private async readCluster(read: ClusterWorkloads): Promise<ClusterRoutes> {
    const base = {
      cluster: read.cluster,
      ...(read.title ? { title: read.title } : {}),
      notInstalled: [] as string[],
      httpRoutes: [],
      ingressRoutes: [],
      namespaces: [],
      gateways: [],
      services: [],
      conflicts: [],
      warnings: [],
    };
    if (read.status === 'error') {
      return {
        ...base,
        status: 'error',
        ...(read.error ? { error: read.error } : {}),
      };
    }
    const cache = this.deps.clusters.watchCache(read.cluster);
    await waitAtMost(cache.ensure(ROUTE_RESOURCES), this.deps.syncTimeoutMs);
    if (!cache.isSynced(ROUTE_RESOURCES)) {
      return {
        ...base,
        status: 'error',
        error:
          cache.problem(ROUTE_RESOURCES) ??
          `routes not read within ${this.deps.syncTimeoutMs} ms`,
      };
    }
    const states = cache.states();
    const installed = (r: ResourceType) =>
      states.get(resourceId(r))?.state !== 'not-installed';
    const services = new Set(
      read.resources.services.map(
        s => `${s.metadata.namespace ?? ''}/${s.metadata.name}`,
      ),
    );
    // Tenancy: the entity's Services are in namespaces it may use; so must its routes be.
    const namespaces = new Set(
      read.resources.services.map(s => s.metadata.namespace ?? ''),
    );
    const ours = (o: KubeObject, refs: (o: KubeObject) => string[]) =>
      namespaces.has(o.metadata.namespace ?? '') &&
      refs(o).some(ref => services.has(ref));
    const byName = (a: { namespace: string; name: string }, b: typeof a) =>
      a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

    // A kind counts as missing only when none of its groups is served (older Traefik
    // releases serve traefik.containo.us, newer ones traefik.io).
    const notInstalled = [
      ...(installed(HTTP_ROUTE) ? [] : [HTTP_ROUTE]),
      ...(INGRESS_ROUTES.some(installed) ? [] : INGRESS_ROUTES.slice(0, 1)),
    ].map(r => r.kind);
    const scope: RouteScope = {
      cluster: read.cluster,
      namespaces,
      services: new Map(
        read.resources.services.map(s => [
          `${s.metadata.namespace ?? ''}/${s.metadata.name}`,
          s,
        ]),
      ),
      cache,
      raw: this.deps.clusters.clients(read.cluster).raw,
    };
    const httpRoutes = installed(HTTP_ROUTE)
      ? cache.list(HTTP_ROUTE).filter(o => ours(o, servicesOfHttpRoute))
      : [];
    const gateways = cache
      .list(GATEWAY)
      .filter(g => namespaces.has(g.metadata.namespace ?? ''));
    return {
      ...base,
      status: 'ok',
      notInstalled,
      namespaces: [...namespaces].sort(),
      gateways: gateways.map(summarizeGateway).sort(byName),
      services: read.resources.services
        .map(s =>
          summarizeService(
            s,
            cache.get(
              SERVICE_PROFILE,
              s.metadata.namespace ?? '',
              `${s.metadata.name}.${s.metadata.namespace}.svc.cluster.local`,
            ),
          ),
        )
        .sort(byName),
      conflicts: allConflicts(
        scope,
        httpRoutesInScope(scope) as unknown as HttpRouteObject[],
      ).filter(c =>
        c.routes.some(r =>
          httpRoutes.some(
            h => `${h.metadata.namespace}/${h.metadata.name}` === r,
          ),
        ),
      ),
      warnings: [
        ...httpRoutes.flatMap(r =>
          serviceProfileWarnings(scope, r as unknown as HttpRouteObject),
        ),
        ...listenerConflicts(
          scope,
          gateways.map(g => ({
            namespace: g.metadata.namespace ?? '',
            name: g.metadata.name,
          })),
        ),
      ],
      httpRoutes: httpRoutes.map(summarizeHttpRoute).sort(byName),
      ingressRoutes: INGRESS_ROUTES.filter(installed)
        .flatMap(r => cache.list(r))
        .filter(o => ours(o, servicesOfIngressRoute))
        .map(summarizeIngressRoute)
        .sort(byName),
    };
  }
}
