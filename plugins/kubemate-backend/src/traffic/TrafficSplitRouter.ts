import { InputError } from '@backstage/errors';
import type {
  KubemateCluster,
  TrafficRoute,
  TrafficRouteChange,
  TrafficRouteRef,
  TrafficRouter,
} from '@kubemate/plugin-kubemate-node';
import { pickRoute, retryOnConflict, validateChange } from './routeChange';
import { RouteObjects, type RouteObject } from './routeObjects';

export const TRAFFIC_SPLIT = {
  group: 'split.smi-spec.io',
  version: 'v1alpha2',
  plural: 'trafficsplits',
  kind: 'TrafficSplit',
};

interface SplitBackend {
  service: string;
  weight?: number;
  [field: string]: unknown;
}

/**
 * SMI TrafficSplits (`spec.service` → weighted `spec.backends`), as Linkerd's SMI extension and
 * older meshes read them. Header and cookie matches need HTTPRouteGroups, which this router
 * does not manage: asking for them is refused.
 */
export class TrafficSplitRouter implements TrafficRouter {
  readonly kind = 'TrafficSplit';
  readonly supportsMatches = false;

  constructor(private readonly options: { timeoutMs?: number } = {}) {}

  async getRoute(
    cluster: KubemateCluster,
    ref: TrafficRouteRef,
  ): Promise<TrafficRoute> {
    return this.view(await this.find(this.objects(cluster), cluster, ref));
  }

  setRoute(
    cluster: KubemateCluster,
    ref: TrafficRouteRef,
    change: TrafficRouteChange,
  ): Promise<TrafficRoute> {
    return retryOnConflict(() => this.apply(cluster, ref, change));
  }

  private async apply(
    cluster: KubemateCluster,
    ref: TrafficRouteRef,
    change: TrafficRouteChange,
  ): Promise<TrafficRoute> {
    const objects = this.objects(cluster);
    const split = await this.find(objects, cluster, ref);
    const what = `TrafficSplit ${ref.namespace}/${split.metadata.name}`;
    if (change.matches?.length) {
      throw new InputError(
        `${what}: header and cookie matches are not supported on SMI TrafficSplits`,
      );
    }
    validateChange(change, what);
    const before = new Map(
      this.backends(split).map(b => [b.service, b] as const),
    );
    const backends = change.backends.map(b => ({
      ...(before.get(b.service) ?? {}),
      service: b.service,
      weight: b.weight,
    }));
    return this.view(
      await objects.replace({ ...split, spec: { ...split.spec, backends } }),
    );
  }

  private objects(cluster: KubemateCluster) {
    return new RouteObjects(cluster, TRAFFIC_SPLIT, this.options.timeoutMs);
  }

  private async find(
    objects: RouteObjects,
    cluster: KubemateCluster,
    ref: TrafficRouteRef,
  ): Promise<RouteObject> {
    const splits = (await objects.list(ref.namespace)).filter(
      s => s.spec?.service === ref.service,
    );
    return pickRoute(splits, ref, 'TrafficSplit', cluster.name);
  }

  private backends(split: RouteObject): SplitBackend[] {
    return (split.spec?.backends as SplitBackend[] | undefined) ?? [];
  }

  private view(split: RouteObject): TrafficRoute {
    return {
      kind: 'TrafficSplit',
      namespace: split.metadata.namespace,
      name: split.metadata.name,
      service: String(split.spec?.service ?? ''),
      backends: this.backends(split).map(b => ({
        service: b.service,
        weight: b.weight ?? 0,
      })),
      matches: [],
    };
  }
}
