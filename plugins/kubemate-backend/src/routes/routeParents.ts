import {
  findConflicts,
  type HttpRouteObject,
  type KubeObject,
  type RouteConflictSummary,
  type RouteTestParent,
} from '@kubemate/plugin-kubemate-common';
import { GATEWAY, SERVICE_PROFILE, type RouteScope } from './RouteScope';

type Listener = { name?: string; port?: number; hostname?: string };

const isService = (ref: { group?: string; kind?: string }) =>
  ref.kind === 'Service' && ['', 'core', undefined].includes(ref.group);

/** A Gateway's listeners as tester parents (one per listener; the Gateway itself without any). */
export function gatewayParents(gateway: KubeObject): RouteTestParent[] {
  const namespace = gateway.metadata.namespace ?? '';
  const { name } = gateway.metadata;
  const listeners = ((gateway.spec as { listeners?: Listener[] } | undefined)
    ?.listeners ?? []) as Listener[];
  if (!listeners.length) return [{ kind: 'Gateway', namespace, name }];
  return listeners.map(l => ({
    kind: 'Gateway' as const,
    namespace,
    name,
    ...(l.name ? { sectionName: l.name } : {}),
    ...(l.port ? { port: l.port } : {}),
    ...(l.hostname ? { hostname: l.hostname } : {}),
  }));
}

/**
 * Where an HTTPRoute attaches, as tester parents: each listener of a Gateway parent that the
 * parentRef selects (all of them without a sectionName or port), or the Service parent.
 */
export function parentsOfRoute(
  scope: RouteScope,
  route: HttpRouteObject,
): RouteTestParent[] {
  const namespace = route.metadata.namespace ?? 'default';
  return (route.spec.parentRefs ?? []).flatMap((ref): RouteTestParent[] => {
    const ns = ref.namespace ?? namespace;
    if (isService(ref)) {
      return [
        {
          kind: 'Service',
          namespace: ns,
          name: ref.name,
          ...(ref.port ? { port: ref.port } : {}),
        },
      ];
    }
    if ((ref.kind ?? 'Gateway') !== 'Gateway') return [];
    const gateway = scope.cache.get(GATEWAY, ns, ref.name);
    if (!gateway) return [{ kind: 'Gateway', namespace: ns, name: ref.name }];
    return gatewayParents(gateway).filter(
      p =>
        p.kind === 'Gateway' &&
        (!ref.sectionName || p.sectionName === ref.sectionName) &&
        (!ref.port || p.port === ref.port),
    );
  });
}

export const describeParent = (p: RouteTestParent) =>
  `${p.kind} ${p.namespace}/${p.name}${
    p.sectionName ? `/${p.sectionName}` : ''
  }${p.port ? `:${p.port}` : ''}`;

const keyOf = (r: { metadata: { namespace?: string; name: string } }) =>
  `${r.metadata.namespace ?? 'default'}/${r.metadata.name}`;

/**
 * Identical matches at a shared parent between `route` and the other routes (`others`, which
 * may hold the stored copy of `route`: it is replaced by `route`), each with who wins.
 */
export function conflictsOf(
  scope: RouteScope,
  route: HttpRouteObject,
  others: HttpRouteObject[],
): RouteConflictSummary[] {
  const key = keyOf(route);
  const routes = [...others.filter(o => keyOf(o) !== key), route];
  const seen = new Set<string>();
  const out: RouteConflictSummary[] = [];
  for (const parent of parentsOfRoute(scope, route)) {
    for (const c of findConflicts(routes, parent)) {
      const names = c.routes.map(r => `${r.namespace}/${r.name}`);
      if (!names.includes(key)) continue;
      const id = `${describeParent(parent)}|${c.hostname}|${c.match}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({
        parent: describeParent(parent),
        hostname: c.hostname,
        match: c.match,
        routes: [...new Set(names)],
        winner: `${c.winner.namespace}/${c.winner.name}`,
        why: c.why,
      });
    }
  }
  return out;
}

/** Every conflict among the given routes at the parents they attach to. */
export function allConflicts(
  scope: RouteScope,
  routes: HttpRouteObject[],
): RouteConflictSummary[] {
  const seen = new Set<string>();
  return routes.flatMap(route =>
    conflictsOf(scope, route, routes).filter(c => {
      const id = `${c.parent}|${c.hostname}|${c.match}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    }),
  );
}

/**
 * Linkerd serves a Service by its ServiceProfile when it has one, and then ignores HTTPRoutes
 * attached to that Service: say so for each Service parent with a ServiceProfile.
 */
export function serviceProfileWarnings(
  scope: RouteScope,
  route: HttpRouteObject,
): string[] {
  const namespace = route.metadata.namespace ?? 'default';
  return (route.spec.parentRefs ?? []).filter(isService).flatMap(ref => {
    const ns = ref.namespace ?? namespace;
    const profile = `${ref.name}.${ns}.svc.cluster.local`;
    return scope.cache.get(SERVICE_PROFILE, ns, profile)
      ? [
          `Service ${ns}/${ref.name} has the ServiceProfile ${profile}: Linkerd honours the ServiceProfile and ignores this HTTPRoute for that Service; delete the ServiceProfile to let the route take effect`,
        ]
      : [];
  });
}

/** Listeners of the given Gateways that report Conflicted=True, in plain words. */
export function listenerConflicts(
  scope: RouteScope,
  gateways: Array<{ namespace: string; name: string }>,
): string[] {
  const out: string[] = [];
  for (const ref of gateways) {
    const gateway = scope.cache.get(GATEWAY, ref.namespace, ref.name);
    const listeners =
      (
        gateway?.status as
          | {
              listeners?: Array<{
                name?: string;
                conditions?: Array<{
                  type?: string;
                  status?: string;
                  reason?: string;
                  message?: string;
                }>;
              }>;
            }
          | undefined
      )?.listeners ?? [];
    for (const l of listeners) {
      const c = l.conditions?.find(
        x => x.type === 'Conflicted' && x.status === 'True',
      );
      if (c) {
        out.push(
          `Listener ${l.name ?? '?'} of Gateway ${ref.namespace}/${
            ref.name
          } is in conflict (${c.reason ?? 'Conflicted'})${
            c.message ? `: ${c.message}` : ''
          }; routes on it are not served`,
        );
      }
    }
  }
  return out;
}
