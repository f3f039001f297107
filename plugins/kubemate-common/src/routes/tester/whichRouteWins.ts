import {
  compareRouteAge,
  describeParent,
  isAttached,
  routeKey,
  routeNamespace,
} from './attachment';
import { ruleBackends } from './backends';
import {
  bestMatchingHostname,
  effectiveHostnames,
  hostnameSpecificity,
} from './hostnames';
import {
  describeMatch,
  matchPrecedence,
  matchRejection,
  normalizeRequest,
  precedenceCriteria,
} from './requestMatch';
import type {
  HttpRouteObject,
  HttpRouteObjectMatch,
  RouteMatchRef,
  RouteTestParent,
  RouteTestRequest,
  RouteTestResult,
} from './types';

interface Candidate {
  route: HttpRouteObject;
  ruleIndex: number;
  matchIndex: number;
  match: HttpRouteObjectMatch;
  hostname: string | 'any';
  precedence: number[];
}

function compareNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return b[i] - a[i];
  }
  return 0;
}

/** Orders candidates best first; returns the deciding criterion with the order. */
function compareCandidates(a: Candidate, b: Candidate): [number, string] {
  const host = compareNumbers(
    hostnameSpecificity(a.hostname),
    hostnameSpecificity(b.hostname),
  );
  if (host) {
    return [
      host,
      'routes with a more specific matching hostname win (exact before wildcard, then the longer one)',
    ];
  }
  const pa = a.precedence;
  const pb = b.precedence;
  for (let i = 0; i < pa.length; i++) {
    if (pa[i] !== pb[i]) return [pb[i] - pa[i], precedenceCriteria[i]];
  }
  if (a.route !== b.route) {
    const age = compareRouteAge(a.route, b.route);
    const ta = a.route.metadata.creationTimestamp;
    const tb = b.route.metadata.creationTimestamp;
    return [
      age,
      ta !== tb
        ? 'on a tie the oldest route wins (creationTimestamp)'
        : 'on a tie between routes of the same age, namespace/name in alphabetical order wins',
    ];
  }
  if (a.ruleIndex !== b.ruleIndex) {
    return [a.ruleIndex - b.ruleIndex, 'within a route, the first rule wins'];
  }
  return [a.matchIndex - b.matchIndex, 'within a rule, the first match wins'];
}

function ref(c: Candidate): RouteMatchRef {
  return {
    namespace: routeNamespace(c.route),
    name: c.route.metadata.name,
    ruleIndex: c.ruleIndex,
    matchIndex: c.matchIndex,
  };
}

function describeCandidate(c: Candidate): string {
  return `${routeKey(c.route)} rule ${c.ruleIndex} match ${
    c.matchIndex
  } (${describeMatch(c.match)})`;
}

/**
 * Which HTTPRoute, rule and backends serve a request arriving at a Gateway listener or a Service,
 * across every HTTPRoute attached there, by the Gateway API's precedence: hostname specificity,
 * Exact path, longest PathPrefix, RegularExpression, method, most header matches, most query
 * matches; between routes the oldest, then namespace/name; within a route, rule then match order.
 */
export function whichRouteWins(
  request: RouteTestRequest,
  routes: HttpRouteObject[],
  parent: RouteTestParent,
): RouteTestResult {
  const req = normalizeRequest(request);
  const where = describeParent(parent);
  const why: string[] = [];
  const attached = routes.filter(r => isAttached(r, parent));
  why.push(
    `${attached.length} of ${routes.length} HTTPRoute(s) attached to ${where}`,
  );
  if (!attached.length) return { outcome: 'none', why };
  const listenerHostname =
    parent.kind === 'Gateway' ? parent.hostname : undefined;
  if (!req.host) {
    why.push('the request names no host: hostnames are not compared');
  }

  const candidates: Candidate[] = [];
  const rejected: string[] = [];
  for (const route of attached) {
    const hostnames = effectiveHostnames(
      route.spec.hostnames,
      listenerHostname,
    );
    if (Array.isArray(hostnames) && !hostnames.length) {
      why.push(
        `${routeKey(route)}: none of its hostnames (${(
          route.spec.hostnames ?? []
        ).join(', ')}) intersects the listener hostname ${listenerHostname}`,
      );
      continue;
    }
    const hostname = req.host
      ? bestMatchingHostname(hostnames, req.host)
      : 'any';
    if (!hostname) {
      why.push(
        `${routeKey(route)}: serves ${(hostnames as string[]).join(
          ', ',
        )}, not ${req.host}`,
      );
      continue;
    }
    (route.spec.rules ?? []).forEach((rule, ruleIndex) => {
      const matches = rule.matches?.length ? rule.matches : [{}];
      matches.forEach((match, matchIndex) => {
        const rejection = matchRejection(match, req);
        if (rejection) {
          rejected.push(
            `${routeKey(
              route,
            )} rule ${ruleIndex} match ${matchIndex} (${describeMatch(
              match,
            )}): ${rejection} does not match`,
          );
          return;
        }
        candidates.push({
          route,
          ruleIndex,
          matchIndex,
          match,
          hostname,
          precedence: matchPrecedence(match),
        });
      });
    });
  }

  if (!candidates.length) {
    why.push(...rejected);
    why.push('no rule matches the request: the gateway answers 404');
    return { outcome: 'none', why };
  }
  candidates.sort((a, b) => compareCandidates(a, b)[0]);
  const [winner, ...others] = candidates;
  why.push(`${describeCandidate(winner)} matches`);
  if (others.length) {
    const [, criterion] = compareCandidates(winner, others[0]);
    why.push(`it wins over ${describeCandidate(others[0])}: ${criterion}`);
  }
  const rule = (winner.route.spec.rules ?? [])[winner.ruleIndex];
  const backends = ruleBackends(rule, routeNamespace(winner.route));
  const filters = (rule.filters ?? []).map(f => f.type);
  if (!backends.length) {
    if (filters.includes('RequestRedirect')) {
      why.push(
        `the rule has no backends; its filters (${filters.join(
          ', ',
        )}) answer with a redirect`,
      );
    } else if (filters.includes('ExtensionRef')) {
      why.push(
        `the rule has no backends; its filters (${filters.join(
          ', ',
        )}) answer if the extension does, else the gateway answers 500`,
      );
    } else {
      why.push(
        filters.length
          ? `the rule has no backends and its filters (${filters.join(
              ', ',
            )}) do not answer: the gateway answers 500`
          : 'the rule has no backends: the gateway answers 500',
      );
    }
  } else if (backends.every(b => b.weight === 0)) {
    why.push('every backend has weight 0: the gateway answers 500');
  }
  return {
    outcome: 'matched',
    ...ref(winner),
    match: winner.match,
    backends,
    filters,
    alsoMatched: others.map(ref),
    why,
  };
}
