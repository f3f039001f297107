import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  resourcesOfKind,
  type KubeObject,
  type ResourceType,
} from '@kubemate/plugin-kubemate-common';
import type { ClusterService } from '../clusters/ClusterService';
import type { ClusterWatchCache } from '../clusters/ClusterWatchCache';
import { waitAtMost } from '../clusters/waitAtMost';
import type { RawObjectApi } from '../kube/RawObjectApi';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import { servicesOfHttpRoute, servicesOfIngressRoute } from './summarizeRoutes';

export const HTTP_ROUTE = resourcesOfKind('HTTPRoute')[0];
export const INGRESS_ROUTES = resourcesOfKind('IngressRoute');
export const GATEWAY = resourcesOfKind('Gateway')[0];
export const SERVICE_PROFILE = resourcesOfKind('ServiceProfile')[0];

/** What the route endpoints read from a cluster's watch cache. */
export const ROUTE_SCOPE_RESOURCES: readonly ResourceType[] = [
  HTTP_ROUTE,
  ...INGRESS_ROUTES,
  GATEWAY,
  SERVICE_PROFILE,
];

/**
 * Where an entity's routes may live in one cluster, and what they may reach: the namespaces of
 * the entity's Services (tenancy already confined those to namespaces the owner may use) and the
 * Services themselves. Every route endpoint works inside one scope.
 */
export interface RouteScope {
  cluster: string;
  namespaces: Set<string>;
  /** The entity's Services by `namespace/name`. */
  services: Map<string, KubeObject>;
  cache: ClusterWatchCache;
  raw: RawObjectApi;
}

export async function routeScope(
  deps: {
    clusters: ClusterService;
    workloads: EntityWorkloadsService;
    /** How long a first request waits for the cluster's route caches to fill. */
    syncTimeoutMs: number;
  },
  entityRef: string,
  credentials: BackstageCredentials,
  cluster: string,
): Promise<RouteScope> {
  const usable = deps.clusters.usable(cluster).name;
  const objects = await deps.workloads.objectsInCluster(
    entityRef,
    credentials,
    usable,
  );
  const services = new Map(
    objects.services.map(s => [
      `${s.metadata.namespace ?? ''}/${s.metadata.name}`,
      s,
    ]),
  );
  const cache = deps.clusters.watchCache(usable);
  await waitAtMost(cache.ensure(ROUTE_SCOPE_RESOURCES), deps.syncTimeoutMs);
  return {
    cluster: usable,
    namespaces: new Set(objects.services.map(s => s.metadata.namespace ?? '')),
    services,
    cache,
    raw: deps.clusters.clients(usable).raw,
  };
}

/** Whether an HTTPRoute or IngressRoute is one of the entity's (in its namespaces, to its Services). */
export function isEntityRoute(scope: RouteScope, route: KubeObject): boolean {
  if (!scope.namespaces.has(route.metadata.namespace ?? '')) return false;
  const refs =
    route.kind === 'IngressRoute'
      ? servicesOfIngressRoute(route)
      : servicesOfHttpRoute(route);
  return refs.some(ref => scope.services.has(ref));
}

/** The HTTPRoutes of the scope's namespaces, whoever they serve: they compete at the same parents. */
export function httpRoutesInScope(scope: RouteScope): KubeObject[] {
  return scope.cache
    .list(HTTP_ROUTE)
    .filter(r => scope.namespaces.has(r.metadata.namespace ?? ''));
}
