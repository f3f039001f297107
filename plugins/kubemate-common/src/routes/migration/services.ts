import type {
  HttpRouteObjectBackendRef,
  HttpRouteObjectFilter,
} from '../tester';
import type {
  ConversionNote,
  ConversionProblem,
  IngressRouteRoute,
} from './types';

/** Resolves a named Service port to its number. */
export type ResolvePort = (
  service: string,
  portName: string,
) => number | undefined;

/**
 * The backendRefs of a Traefik route: its Services with their weights (default 1, written
 * explicitly); TraefikServices and unresolved named ports go to `problems`.
 */
export function convertServices(
  route: IngressRouteRoute,
  index: number,
  namespace: string,
  options: { resolvePort?: ResolvePort },
  problems: ConversionProblem[],
  notes: ConversionNote[],
): HttpRouteObjectBackendRef[] {
  const backendRefs: HttpRouteObjectBackendRef[] = [];
  for (const s of route.services ?? []) {
    if (s.kind === 'TraefikService') {
      problems.push({
        route: index,
        what: `TraefikService ${s.name}`,
        reason:
          'a TraefikService (weighted or mirroring) has no HTTPRoute equivalent here; list its Services as weighted backendRefs, or use a RequestMirror filter',
      });
      continue;
    }
    let port =
      typeof s.port === 'string' && /^\d+$/.test(s.port)
        ? Number(s.port)
        : s.port;
    if (typeof port === 'string') {
      port = options.resolvePort?.(s.name, port);
      if (port === undefined) {
        problems.push({
          route: index,
          what: `Service ${s.name} port ${s.port}`,
          reason: 'an HTTPRoute backendRef takes the port number, not its name',
        });
        continue;
      }
    }
    const ref: HttpRouteObjectBackendRef = {
      group: '',
      kind: 'Service',
      name: s.name,
      ...(port !== undefined ? { port } : {}),
      weight: s.weight ?? 1,
    };
    if (s.namespace && s.namespace !== namespace) {
      ref.namespace = s.namespace;
      notes.push({
        route: index,
        note: `Service ${s.namespace}/${s.name} is in another namespace: it needs a ReferenceGrant there`,
      });
    }
    backendRefs.push(ref);
  }

  return backendRefs;
}

/**
 * The Middlewares of a Traefik route as ExtensionRef filters (kind Middleware, in the API group
 * the IngressRoute's Middlewares live in: traefik.io, or traefik.containo.us for a Traefik v2
 * IngressRoute of that group); those of another provider or namespace go to `problems`.
 */
export function convertMiddlewares(
  route: IngressRouteRoute,
  index: number,
  namespace: string,
  problems: ConversionProblem[],
  group: string = 'traefik.io',
  notes?: ConversionNote[],
): HttpRouteObjectFilter[] {
  const filters: HttpRouteObjectFilter[] = [];
  for (const mw of route.middlewares ?? []) {
    if (mw.name.includes('@')) {
      problems.push({
        route: index,
        what: `Middleware ${mw.name}`,
        reason:
          'a Middleware from another provider is not a Kubernetes object an ExtensionRef can name',
      });
    } else if (mw.namespace && mw.namespace !== namespace) {
      problems.push({
        route: index,
        what: `Middleware ${mw.namespace}/${mw.name}`,
        reason:
          "an ExtensionRef names a Middleware in the route's own namespace only",
      });
    } else {
      filters.push({
        type: 'ExtensionRef',
        extensionRef: {
          group,
          kind: 'Middleware',
          name: mw.name,
        },
      });
    }
  }
  if (filters.length && group !== 'traefik.io') {
    notes?.push({
      route: index,
      note: `the ExtensionRef filters name ${group} Middlewares; Traefik v3 reads Middlewares of traefik.io only: recreate them there and change the group when moving to Traefik v3`,
    });
  }
  return filters;
}
