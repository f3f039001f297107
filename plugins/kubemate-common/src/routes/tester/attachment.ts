import type {
  HttpRouteObject,
  HttpRouteObjectParentRef,
  RouteTestParent,
} from './types';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** Describes a parent for explanations: `Gateway team-a/team-a-gateway listener http`. */
export function describeParent(parent: RouteTestParent): string {
  const where = [`${parent.kind} ${parent.namespace}/${parent.name}`];
  if (parent.sectionName) {
    where.push(
      `${parent.kind === 'Gateway' ? 'listener' : 'port'} ${
        parent.sectionName
      }`,
    );
  }
  if (parent.port !== undefined) where.push(`port ${parent.port}`);
  return where.join(' ');
}

/** Whether one parentRef of a route (in `routeNamespace`) points at `parent`. */
export function parentRefTargets(
  ref: HttpRouteObjectParentRef,
  namespace: string,
  parent: RouteTestParent,
): boolean {
  const kind = ref.kind ?? 'Gateway';
  const group = ref.group ?? GATEWAY_GROUP;
  if (kind !== parent.kind) return false;
  if (kind === 'Gateway' && group !== GATEWAY_GROUP) return false;
  if (kind === 'Service' && group !== '' && group !== 'core') return false;
  if ((ref.namespace ?? namespace) !== parent.namespace) return false;
  if (ref.name !== parent.name) return false;
  if (ref.sectionName !== undefined && ref.sectionName !== parent.sectionName) {
    return false;
  }
  if (
    ref.port !== undefined &&
    parent.port !== undefined &&
    ref.port !== parent.port
  ) {
    return false;
  }
  return true;
}

/** The namespace of a route (`default` when its metadata names none). */
export function routeNamespace(route: HttpRouteObject): string {
  return route.metadata.namespace ?? 'default';
}

/** Whether the route is attached to the parent through any of its parentRefs. */
export function isAttached(
  route: HttpRouteObject,
  parent: RouteTestParent,
): boolean {
  return (route.spec.parentRefs ?? []).some(ref =>
    parentRefTargets(ref, routeNamespace(route), parent),
  );
}

/** `namespace/name` of a route. */
export function routeKey(route: HttpRouteObject): string {
  return `${routeNamespace(route)}/${route.metadata.name}`;
}

/**
 * Orders routes as the Gateway API breaks ties between them: the oldest creationTimestamp
 * first (a route without one last), then `namespace/name` alphabetically.
 */
export function compareRouteAge(
  a: HttpRouteObject,
  b: HttpRouteObject,
): number {
  const ta = Date.parse(a.metadata.creationTimestamp ?? '');
  const tb = Date.parse(b.metadata.creationTimestamp ?? '');
  const na = Number.isNaN(ta) ? Infinity : ta;
  const nb = Number.isNaN(tb) ? Infinity : tb;
  if (na !== nb) return na < nb ? -1 : 1;
  const ka = routeKey(a);
  const kb = routeKey(b);
  if (ka === kb) return 0;
  return ka < kb ? -1 : 1;
}
