import {
  compareRouteAge,
  isAttached,
  routeKey,
  routeNamespace,
} from './attachment';
import { effectiveHostnames } from './hostnames';
import { describeMatch, matchKey } from './requestMatch';
import type {
  HttpRouteObject,
  HttpRouteObjectMatch,
  RouteMatchRef,
  RouteTestParent,
} from './types';

/** The same match for the same hostname on one parent, in more than one route. */
export interface RouteConflict {
  /** The shared hostname; `*` when the routes serve every host. */
  hostname: string;
  /** The match, as one line (`PathPrefix /api · GET`). */
  match: string;
  /** Every route's copy, the winner first. */
  routes: RouteMatchRef[];
  winner: RouteMatchRef;
  why: string;
}

interface Entry {
  route: HttpRouteObject;
  ref: RouteMatchRef;
  match: HttpRouteObjectMatch;
}

/**
 * Identical matches across the HTTPRoutes attached to one parent (a hostname both serve and the
 * same path, method, headers and query parameters), each with the route that wins: the oldest,
 * then the first by namespace/name.
 */
export function findConflicts(
  routes: HttpRouteObject[],
  parent: RouteTestParent,
): RouteConflict[] {
  const listenerHostname =
    parent.kind === 'Gateway' ? parent.hostname : undefined;
  const groups = new Map<string, Entry[]>();
  for (const route of routes.filter(r => isAttached(r, parent))) {
    const hostnames = effectiveHostnames(
      route.spec.hostnames,
      listenerHostname,
    );
    const hosts = hostnames === 'any' ? ['*'] : hostnames;
    (route.spec.rules ?? []).forEach((rule, ruleIndex) => {
      const matches = rule.matches?.length ? rule.matches : [{}];
      matches.forEach((match, matchIndex) => {
        const ref: RouteMatchRef = {
          namespace: routeNamespace(route),
          name: route.metadata.name,
          ruleIndex,
          matchIndex,
        };
        for (const host of hosts) {
          const key = `${host} ${matchKey(match)}`;
          const list = groups.get(key) ?? [];
          // one entry per route: a route's first copy is the one that serves
          if (!list.some(e => e.route === route))
            list.push({ route, ref, match });
          groups.set(key, list);
        }
      });
    });
  }

  const conflicts: RouteConflict[] = [];
  for (const [key, entries] of groups) {
    if (entries.length < 2) continue;
    entries.sort((a, b) => compareRouteAge(a.route, b.route));
    const [first, second] = entries;
    const sameAge =
      first.route.metadata.creationTimestamp ===
      second.route.metadata.creationTimestamp;
    conflicts.push({
      hostname: key.slice(0, key.indexOf(' ')),
      match: describeMatch(first.match),
      routes: entries.map(e => e.ref),
      winner: first.ref,
      why: sameAge
        ? `${routeKey(
            first.route,
          )} wins: the routes are as old as each other and it comes first by namespace/name`
        : `${routeKey(first.route)} wins: it is the oldest route`,
    });
  }
  return conflicts;
}
