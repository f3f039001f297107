import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  resourceId,
  resourcesOfKind,
  type ClusterRoutes,
  type ClusterWorkloads,
  type EntityRoutesResponse,
  type KubeObject,
  type ResourceType,
} from '@kubemate/plugin-kubemate-common';
import type { ClusterService } from '../clusters/ClusterService';
import { waitAtMost } from '../clusters/waitAtMost';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import {
  servicesOfHttpRoute,
  servicesOfIngressRoute,
  summarizeHttpRoute,
  summarizeIngressRoute,
} from './summarizeRoutes';

/** HTTPRoute at its preferred version; IngressRoute under both Traefik groups. */
const HTTP_ROUTE = resourcesOfKind('HTTPRoute')[0];
const INGRESS_ROUTES = resourcesOfKind('IngressRoute');
const ROUTE_RESOURCES: readonly ResourceType[] = [
  HTTP_ROUTE,
  ...INGRESS_ROUTES,
];

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
    return {
      ...base,
      status: 'ok',
      notInstalled,
      httpRoutes: installed(HTTP_ROUTE)
        ? cache
            .list(HTTP_ROUTE)
            .filter(o => ours(o, servicesOfHttpRoute))
            .map(summarizeHttpRoute)
            .sort(byName)
        : [],
      ingressRoutes: INGRESS_ROUTES.filter(installed)
        .flatMap(r => cache.list(r))
        .filter(o => ours(o, servicesOfIngressRoute))
        .map(summarizeIngressRoute)
        .sort(byName),
    };
  }
}
