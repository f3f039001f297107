import {
  whichRouteWins,
  type HttpRouteObject,
  type RouteTestParent,
  type RouteTestRequest,
} from '../tester';
import { sampleRequests } from './sampleRequests';
import { traefikRouteFor } from './traefikRouter';
import type { RuleSyntax } from './traefikMatchers';
import type { IngressRouteObject } from './types';

/** How one request is routed by the IngressRoute and by the HTTPRoutes. */
export interface ParityRow {
  request: RouteTestRequest;
  /** The Traefik route that serves it, or null when none does (404). */
  traefik: {
    route: number;
    match: string;
    backends: string[];
    /** Other routes of the same priority that match: Traefik's choice among them is unspecified. */
    tiedWith?: number[];
  } | null;
  /** The HTTPRoute rule that serves it, or null when none does (404). */
  gateway: {
    route: string;
    ruleIndex: number;
    matchIndex: number;
    backends: string[];
  } | null;
  same: boolean;
}

export interface ParityResult {
  rows: ParityRow[];
  /** The requests that would land on different backends (or on none) after the migration. */
  mismatches: ParityRow[];
}

export interface ParityCheckOptions {
  /** Where the HTTPRoutes are tested; by default the first parentRef of the first route. */
  parent?: RouteTestParent;
  /** Traefik's default rule syntax for routes that set none (see convertIngressRoute). */
  ruleSyntax?: RuleSyntax;
}

const PARITY_GATEWAY = '(migration)';

function percentages(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map(w =>
    total > 0 ? Math.round((w / total) * 10000) / 100 : 0,
  );
}

/** Backends as `namespace/name:port (percent%)`, sorted, so both sides compare. */
function traefikBackends(
  ingressRoute: IngressRouteObject,
  index: number,
): string[] {
  const namespace = ingressRoute.metadata.namespace ?? 'default';
  const services = ingressRoute.spec.routes?.[index]?.services ?? [];
  const shares = percentages(services.map(s => s.weight ?? 1));
  return services
    .map((s, i) => {
      const kind = s.kind === 'TraefikService' ? 'TraefikService ' : '';
      return `${kind}${s.namespace ?? namespace}/${s.name}:${s.port ?? ''} (${
        shares[i]
      }%)`;
    })
    .sort();
}

function parentOf(
  httpRoutes: HttpRouteObject[],
  namespace: string,
): { parent: RouteTestParent; routes: HttpRouteObject[] } {
  const first = httpRoutes.find(r => r.spec.parentRefs?.length);
  const ref = first?.spec.parentRefs?.[0];
  if (ref) {
    const ns = ref.namespace ?? first.metadata.namespace ?? namespace;
    const parent: RouteTestParent =
      ref.kind === 'Service'
        ? {
            kind: 'Service',
            namespace: ns,
            name: ref.name,
            port: ref.port,
            sectionName: ref.sectionName,
          }
        : {
            kind: 'Gateway',
            namespace: ns,
            name: ref.name,
            sectionName: ref.sectionName,
            port: ref.port,
          };
    return { parent, routes: httpRoutes };
  }
  // Routes not yet attached anywhere: test them on a stand-in Gateway.
  return {
    parent: { kind: 'Gateway', namespace, name: PARITY_GATEWAY },
    routes: httpRoutes.map(r => ({
      ...r,
      spec: { ...r.spec, parentRefs: [{ name: PARITY_GATEWAY, namespace }] },
    })),
  };
}

/**
 * Runs sample requests (derived from the IngressRoute's rules, plus `extraRequests`) through the
 * IngressRoute with Traefik's semantics and through the HTTPRoutes with the route tester, and
 * lists those that land on different backends.
 */
export function parityCheck(
  ingressRoute: IngressRouteObject,
  httpRoutes: HttpRouteObject[],
  extraRequests: RouteTestRequest[] = [],
  options: ParityCheckOptions = {},
): ParityResult {
  const namespace = ingressRoute.metadata.namespace ?? 'default';
  const resolved = parentOf(httpRoutes, namespace);
  const parent = options.parent ?? resolved.parent;
  const routes = options.parent ? httpRoutes : resolved.routes;
  const syntax = { ruleSyntax: options.ruleSyntax };
  const rows = [...sampleRequests(ingressRoute, syntax), ...extraRequests].map(
    (request): ParityRow => {
      const t = traefikRouteFor(ingressRoute, request, syntax);
      const g = whichRouteWins(request, routes, parent);
      const traefik = t
        ? {
            route: t.route,
            match: t.match,
            backends: traefikBackends(ingressRoute, t.route),
            ...(t.tiedWith ? { tiedWith: t.tiedWith } : {}),
          }
        : null;
      const gateway =
        g.outcome === 'matched'
          ? {
              route: `${g.namespace}/${g.name}`,
              ruleIndex: g.ruleIndex,
              matchIndex: g.matchIndex,
              backends: g.backends
                .map(
                  b =>
                    `${b.namespace}/${b.name}:${b.port ?? ''} (${b.percent}%)`,
                )
                .sort(),
            }
          : null;
      const same =
        JSON.stringify(traefik?.backends ?? null) ===
        JSON.stringify(gateway?.backends ?? null);
      return { request, traefik, gateway, same };
    },
  );
  return { rows, mismatches: rows.filter(r => !r.same) };
}
