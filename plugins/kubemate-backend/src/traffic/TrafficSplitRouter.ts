import { InputError } from '@backstage/errors';
import type {
  TrafficRoute,
  TrafficRouteChange,
  TrafficRouteRef,
} from '@kubemate/plugin-kubemate-node';
import type { RouteObject } from './routeObjects';
import { RouteRouter, type RouteRouterOptions } from './RouteRouter';

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

const backendsOf = (split: RouteObject): SplitBackend[] =>
  (split.spec?.backends as SplitBackend[] | undefined) ?? [];

/**
 * SMI TrafficSplits (`spec.service` → weighted `spec.backends`), as Linkerd's SMI extension and
 * older meshes read them. Header and cookie matches need HTTPRouteGroups, which this router
 * does not manage: asking for them is refused.
 */
export class TrafficSplitRouter extends RouteRouter {
  readonly supportsMatches = false;

  constructor(options: RouteRouterOptions) {
    super(TRAFFIC_SPLIT, options);
  }

  protected routesService(split: RouteObject, ref: TrafficRouteRef): boolean {
    return split.spec?.service === ref.service;
  }

  protected changedSpec(
    split: RouteObject,
    _ref: TrafficRouteRef,
    change: TrafficRouteChange,
    what: string,
  ): Record<string, unknown> {
    if (change.matches?.length || change.matchRule || change.sticky) {
      throw new InputError(
        `${what}: header and cookie matches are not supported on SMI TrafficSplits`,
      );
    }
    const before = new Map(backendsOf(split).map(b => [b.service, b] as const));
    const backends = change.backends.map(b => ({
      ...(before.get(b.service) ?? {}),
      service: b.service,
      weight: b.weight,
    }));
    return { ...split.spec, backends };
  }

  protected view(split: RouteObject): TrafficRoute {
    return {
      kind: 'TrafficSplit',
      namespace: split.metadata.namespace,
      name: split.metadata.name,
      service: String(split.spec?.service ?? ''),
      backends: backendsOf(split).map(b => ({
        service: b.service,
        weight: b.weight ?? 0,
      })),
      matches: [],
    };
  }
}
