import type { ClusterRoutes } from '@kubemate/plugin-kubemate-common';

/** A route that sends traffic to a Service, and how. */
export interface ServiceRoute {
  kind: 'HTTPRoute' | 'IngressRoute';
  namespace: string;
  name: string;
  /** Hostnames (HTTPRoute) or entry points (IngressRoute). */
  where: string[];
  /** Backend, or parent: the route is attached to the Service itself (Linkerd, GAMMA). */
  as: 'backend' | 'parent';
  /** Share of a rule's traffic, when the route splits it. */
  percent?: number;
}

/**
 * The routes of one cluster that point at a Service: HTTPRoutes naming it as a backend (with the
 * smallest share of a rule it gets, when split) or as a parent, and IngressRoutes naming it as a
 * service of one of their routes (Traefik resolves it in the IngressRoute's namespace).
 */
export function routesOfService(
  routes: ClusterRoutes | undefined,
  service: { namespace: string; name: string },
): ServiceRoute[] {
  if (!routes) return [];
  const out: ServiceRoute[] = [];
  const same = (kind: string | undefined, namespace: string, name: string) =>
    (kind ?? 'Service') === 'Service' &&
    namespace === service.namespace &&
    name === service.name;
  for (const r of routes.httpRoutes) {
    const shares = r.rules.flatMap(rule =>
      rule.backends
        .filter(b => same(b.kind, b.namespace, b.name))
        .map(b => (rule.backends.length > 1 ? b.percent : undefined)),
    );
    if (shares.length > 0) {
      const split = shares.filter((p): p is number => p !== undefined);
      out.push({
        kind: 'HTTPRoute',
        namespace: r.namespace,
        name: r.name,
        where: r.hostnames,
        as: 'backend',
        ...(split.length === shares.length
          ? { percent: Math.min(...split) }
          : {}),
      });
    } else if (r.parents.some(p => same(p.kind, p.namespace, p.name))) {
      out.push({
        kind: 'HTTPRoute',
        namespace: r.namespace,
        name: r.name,
        where: r.hostnames,
        as: 'parent',
      });
    }
  }
  for (const r of routes.ingressRoutes) {
    const targets = r.routes.some(route =>
      route.services.some(s => same(s.kind, r.namespace, s.name)),
    );
    if (targets) {
      out.push({
        kind: 'IngressRoute',
        namespace: r.namespace,
        name: r.name,
        where: r.entryPoints,
        as: 'backend',
      });
    }
  }
  return out;
}

/** One line per route, as the Services table shows it. */
export function describeServiceRoute(route: ServiceRoute): string {
  const where = route.where.length ? ` (${route.where.join(', ')})` : '';
  const share =
    route.percent !== undefined ? `, ${Math.round(route.percent)} %` : '';
  const parent = route.as === 'parent' ? ', attached to the Service' : '';
  return `${route.kind} ${route.name}${where}${share}${parent}`;
}
