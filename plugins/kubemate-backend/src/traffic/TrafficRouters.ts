import type { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import type { TrafficRouter } from '@kubemate/plugin-kubemate-node';
import { HttpRouteRouter } from './HttpRouteRouter';
import {
  DEFAULT_TRAFFIC_TIMEOUT_MS,
  type CustomObjectsOf,
} from './routeObjects';
import { TrafficSplitRouter } from './TrafficSplitRouter';

/** Gateway API HTTPRoute unless a cluster says otherwise. */
export const DEFAULT_ROUTER_KIND = 'HTTPRoute';

/**
 * The traffic routers by route kind (built-in HTTPRoute and TrafficSplit plus those modules
 * add) and the kind each cluster uses (`kubemate.traffic.clusters.<name>.router`).
 */
export class TrafficRouters {
  private readonly byKind = new Map<string, TrafficRouter>();

  private constructor(
    private readonly clusterKinds: Map<string, string>,
    routers: TrafficRouter[],
  ) {
    for (const router of routers) this.add(router);
  }

  static fromConfig(
    config: Config,
    customObjects: CustomObjectsOf,
    extra: TrafficRouter[] = [],
  ): TrafficRouters {
    const cfg = config.getOptionalConfig('kubemate.traffic');
    const timeoutMs =
      cfg?.getOptionalNumber('timeoutMs') ?? DEFAULT_TRAFFIC_TIMEOUT_MS;
    const clusterKinds = new Map<string, string>();
    const clusters = cfg?.getOptionalConfig('clusters');
    for (const name of clusters?.keys() ?? []) {
      const kind = clusters!.getOptionalString(`${name}.router`);
      if (kind) clusterKinds.set(name, kind);
    }
    const routers = new TrafficRouters(clusterKinds, [
      new HttpRouteRouter({ customObjects, timeoutMs }),
      new TrafficSplitRouter({ customObjects, timeoutMs }),
      ...extra,
    ]);
    for (const [name, kind] of clusterKinds) {
      if (!routers.byKind.has(kind)) {
        throw new Error(
          `kubemate.traffic.clusters.${name}.router: unknown router '${kind}' (known: ${routers
            .kinds()
            .join(', ')})`,
        );
      }
    }
    return routers;
  }

  /** The router of a cluster's route kind. */
  forCluster(cluster: string): TrafficRouter {
    const kind = this.clusterKinds.get(cluster) ?? DEFAULT_ROUTER_KIND;
    const router = this.byKind.get(kind);
    if (!router) {
      throw new InputError(
        `No traffic router for '${kind}' (cluster ${cluster})`,
      );
    }
    return router;
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  private add(router: TrafficRouter) {
    if (this.byKind.has(router.kind)) {
      throw new ConflictError(
        `A traffic router for '${router.kind}' is already registered`,
      );
    }
    this.byKind.set(router.kind, router);
  }
}
