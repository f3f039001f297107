import type {
  KubemateCluster,
  TrafficRoute,
  TrafficRouteChange,
  TrafficRouteRef,
  TrafficRouter,
} from '@kubemate/plugin-kubemate-node';
import { pickRoute, retryOnConflict, validateChange } from './routeChange';
import {
  RouteObjects,
  type CustomObjectsOf,
  type RouteObject,
  type RouteResource,
} from './routeObjects';

/** What a built-in router needs: the cluster layer's CRD clients and a deadline per call. */
export interface RouteRouterOptions {
  customObjects: CustomObjectsOf;
  timeoutMs?: number;
}

/**
 * What every route kind shares: find the one route of the Service, read it, and change it by
 * a conditional replace computed from a fresh read (retried on conflict). A kind says which
 * routes belong to a Service, how a change rewrites the spec, and how the route reads.
 */
export abstract class RouteRouter implements TrafficRouter {
  abstract readonly supportsMatches: boolean;

  constructor(
    private readonly resource: RouteResource,
    private readonly options: RouteRouterOptions,
  ) {}

  get kind(): string {
    return this.resource.kind;
  }

  protected abstract routesService(
    route: RouteObject,
    ref: TrafficRouteRef,
  ): boolean;

  /** The new spec; throws an InputError for a change the route cannot take. */
  protected abstract changedSpec(
    route: RouteObject,
    ref: TrafficRouteRef,
    change: TrafficRouteChange,
    what: string,
  ): Record<string, unknown>;

  protected abstract view(
    route: RouteObject,
    ref: TrafficRouteRef,
    what: string,
  ): TrafficRoute;

  async getRoute(
    cluster: KubemateCluster,
    ref: TrafficRouteRef,
  ): Promise<TrafficRoute> {
    const route = await this.find(this.objects(cluster), cluster, ref);
    return this.view(route, ref, this.describe(route, cluster));
  }

  setRoute(
    cluster: KubemateCluster,
    ref: TrafficRouteRef,
    change: TrafficRouteChange,
  ): Promise<TrafficRoute> {
    return retryOnConflict(async () => {
      const objects = this.objects(cluster);
      const route = await this.find(objects, cluster, ref);
      const what = this.describe(route, cluster);
      validateChange(change, what);
      const spec = this.changedSpec(route, ref, change, what);
      const saved = await objects.replace({ ...route, spec });
      return this.view(saved, ref, what);
    });
  }

  private describe(route: RouteObject, cluster: KubemateCluster) {
    return `${this.kind} ${route.metadata.namespace}/${route.metadata.name} in cluster ${cluster.name}`;
  }

  private objects(cluster: KubemateCluster) {
    return new RouteObjects(
      cluster,
      this.options.customObjects(cluster),
      this.resource,
      this.options.timeoutMs,
    );
  }

  private async find(
    objects: RouteObjects,
    cluster: KubemateCluster,
    ref: TrafficRouteRef,
  ): Promise<RouteObject> {
    // A named route is read alone: a release reads its route at every step.
    const routes = ref.route
      ? [await objects.get(ref.namespace, ref.route)].filter(
          (r): r is RouteObject => r !== undefined,
        )
      : await objects.list(ref.namespace);
    return pickRoute(
      routes.filter(r => this.routesService(r, ref)),
      ref,
      this.kind,
      cluster.name,
    );
  }
}
