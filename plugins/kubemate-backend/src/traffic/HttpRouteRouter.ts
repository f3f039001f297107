import { InputError, NotFoundError } from '@backstage/errors';
import type {
  TrafficBackend,
  TrafficMatch,
  TrafficRoute,
  TrafficRouteChange,
  TrafficRouteRef,
} from '@kubemate/plugin-kubemate-node';
import type { RouteObject } from './routeObjects';
import { RouteRouter, type RouteRouterOptions } from './RouteRouter';

export const HTTP_ROUTE = {
  group: 'gateway.networking.k8s.io',
  version: 'v1',
  plural: 'httproutes',
  kind: 'HTTPRoute',
};

interface ParentRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
}
interface BackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  [field: string]: unknown;
}
interface HeaderMatch {
  type?: string;
  name: string;
  value: string;
}
interface RouteMatch {
  headers?: HeaderMatch[];
  [field: string]: unknown;
}
interface RouteRule {
  name?: string;
  matches?: RouteMatch[];
  backendRefs?: BackendRef[];
  [field: string]: unknown;
}

const isServiceRef = (r: { group?: string; kind?: string }) =>
  (r.group === undefined || r.group === '' || r.group === 'core') &&
  (r.kind ?? 'Service') === 'Service';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unescapeRegex = (s: string) => s.replace(/\\(.)/g, '$1');
/** A cookie match is a regex on the Cookie header (Gateway API has no cookie match). */
const COOKIE_PREFIX = '(^|.*;\\s*)';
const COOKIE_SUFFIX = '(;.*|$)';
const cookieRegex = (name: string, value: string) =>
  `${COOKIE_PREFIX}${escapeRegex(name)}=${escapeRegex(value)}${COOKIE_SUFFIX}`;

function parseCookie(
  h: HeaderMatch,
): { name: string; value: string } | undefined {
  if (h.name.toLowerCase() !== 'cookie' || h.type !== 'RegularExpression')
    return undefined;
  if (!h.value.startsWith(COOKIE_PREFIX) || !h.value.endsWith(COOKIE_SUFFIX))
    return undefined;
  const inner = h.value.slice(COOKIE_PREFIX.length, -COOKIE_SUFFIX.length);
  const eq = inner.search(/(?<!\\)=/);
  if (eq < 0) return undefined;
  return {
    name: unescapeRegex(inner.slice(0, eq)),
    value: unescapeRegex(inner.slice(eq + 1)),
  };
}

function toMatch(m: RouteMatch): TrafficMatch {
  const headers: NonNullable<TrafficMatch['headers']> = [];
  const cookies: NonNullable<TrafficMatch['cookies']> = [];
  for (const h of m.headers ?? []) {
    const cookie = parseCookie(h);
    if (cookie) cookies.push(cookie);
    else
      headers.push({
        name: h.name,
        value: h.value,
        type: h.type === 'RegularExpression' ? 'RegularExpression' : 'Exact',
      });
  }
  return {
    ...(headers.length ? { headers } : {}),
    ...(cookies.length ? { cookies } : {}),
  };
}

/** A rule match: the rule's own path/method/query part with the headers of `m`. */
function withHeaders(base: RouteMatch, m: TrafficMatch): RouteMatch {
  return {
    ...base,
    headers: [
      ...(m.headers ?? []).map(h => ({
        type: h.type ?? 'Exact',
        name: h.name,
        value: h.value,
      })),
      ...(m.cookies ?? []).map(c => ({
        type: 'RegularExpression',
        name: 'Cookie',
        value: cookieRegex(c.name, c.value),
      })),
    ],
  };
}

/**
 * The header part of a rule's matches, normalised (the API server may default a match's path
 * and a header's type), to find the rule a match rule wrote.
 */
const headerKey = (matches: RouteMatch[]) =>
  JSON.stringify(
    matches.map(m =>
      (m.headers ?? [])
        .map(h => `${h.type ?? 'Exact'}|${h.name.toLowerCase()}|${h.value}`)
        .sort(),
    ),
  );

interface BackendFilter {
  type: string;
  responseHeaderModifier?: { add?: Array<{ name: string; value: string }> };
  [field: string]: unknown;
}

/** Whether a backend filter is the one setting the sticky cookie `cookie`. */
const setsCookie = (f: BackendFilter, cookie: string) =>
  f.type === 'ResponseHeaderModifier' &&
  (f.responseHeaderModifier?.add ?? []).some(
    h =>
      h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${cookie}=`),
  );

/**
 * Puts the sticky cookie on `sticky.backend`'s responses (a backendRef filter) and takes it off
 * every other backend, or off all when `setCookie` is null; the backends' other filters stay.
 */
function stick(
  backendRefs: BackendRef[],
  sticky: NonNullable<TrafficRouteChange['sticky']>,
) {
  for (const ref of backendRefs) {
    const filters = ((ref.filters as BackendFilter[] | undefined) ?? []).filter(
      f => !setsCookie(f, sticky.cookie),
    );
    if (sticky.setCookie && ref.name === sticky.backend) {
      filters.push({
        type: 'ResponseHeaderModifier',
        responseHeaderModifier: {
          add: [{ name: 'Set-Cookie', value: sticky.setCookie }],
        },
      });
    }
    if (filters.length) ref.filters = filters;
    else delete ref.filters;
  }
}

const rulesOf = (route: RouteObject): RouteRule[] =>
  (route.spec?.rules as RouteRule[] | undefined) ?? [];

/**
 * The rule named or numbered in the ref; else the only one, else the first without matches,
 * else the only one whose matches test no header (a release's own header rule for the canary
 * sits beside the weighted rule it was made from, with the same path match plus headers).
 */
function ruleIndex(rules: RouteRule[], ref: TrafficRouteRef, what: string) {
  if (typeof ref.rule === 'number') {
    if (!rules[ref.rule])
      throw new NotFoundError(`${what} has no rule ${ref.rule}`);
    return ref.rule;
  }
  if (typeof ref.rule === 'string') {
    const i = rules.findIndex(r => r.name === ref.rule);
    if (i < 0) throw new NotFoundError(`${what} has no rule '${ref.rule}'`);
    return i;
  }
  if (rules.length === 1) return 0;
  const i = rules.findIndex(r => !r.matches?.length);
  if (i >= 0) return i;
  const headerFree = rules
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => !(r.matches ?? []).some(m => m.headers?.length));
  if (headerFree.length === 1) return headerFree[0].index;
  throw new InputError(
    `${what} has ${rules.length} rules, all with matches; name one`,
  );
}

/**
 * Gateway API HTTPRoutes attached to a Service through `parentRefs` (GAMMA, as Linkerd ≥ 2.14
 * reads them). Only the chosen rule's `backendRefs` (and `matches` when asked) change; other
 * rules, filters and timeouts are left as they are.
 */
export class HttpRouteRouter extends RouteRouter {
  readonly supportsMatches = true;

  constructor(options: RouteRouterOptions) {
    super(HTTP_ROUTE, options);
  }

  protected routesService(route: RouteObject, ref: TrafficRouteRef): boolean {
    return ((route.spec?.parentRefs as ParentRef[] | undefined) ?? []).some(
      p =>
        isServiceRef({ group: p.group ?? '', kind: p.kind ?? 'Gateway' }) &&
        p.name === ref.service &&
        (p.namespace ?? ref.namespace) === ref.namespace,
    );
  }

  protected changedSpec(
    route: RouteObject,
    ref: TrafficRouteRef,
    change: TrafficRouteChange,
    what: string,
  ): Record<string, unknown> {
    const rules = [...rulesOf(route)];
    const index = ruleIndex(rules, ref, what);
    const rule = rules[index];
    const kept = new Map(
      (rule.backendRefs ?? []).filter(isServiceRef).map(b => [b.name, b]),
    );
    const defaultPort = rule.backendRefs?.find(b => b.port)?.port;
    const backendRefs: BackendRef[] = change.backends.map(b => {
      const before = kept.get(b.service);
      const port = b.port ?? before?.port ?? defaultPort;
      return {
        ...(before ?? {}),
        name: b.service,
        ...(port ? { port } : {}),
        weight: b.weight,
      };
    });
    if (change.sticky) stick(backendRefs, change.sticky);
    const next: RouteRule = { ...rule, backendRefs };
    // Path, method and query matches of the rule stay; only headers are replaced.
    const { headers: _h, ...base } = rule.matches?.[0] ?? {};
    if (change.matches) {
      const matches = change.matches.map(m => withHeaders(base, m));
      if (matches.length) next.matches = matches;
      else if (Object.keys(base).length) next.matches = [base];
      else delete next.matches;
    }
    rules[index] = next;
    if (change.matchRule) {
      const { matches, backend } = change.matchRule;
      const wanted = matches.map(m => withHeaders(base, m));
      const key = headerKey(wanted);
      const at = rules.findIndex(
        (r, i) => i !== index && headerKey(r.matches ?? []) === key,
      );
      if (at >= 0) rules.splice(at, 1);
      if (backend) {
        const port = backend.port ?? defaultPort;
        // Before the weighted rule: the more specific match is read first.
        rules.splice(rules.indexOf(next), 0, {
          matches: wanted,
          backendRefs: [
            { name: backend.service, ...(port ? { port } : {}), weight: 1 },
          ],
        });
      }
    }
    return { ...route.spec, rules };
  }

  protected view(
    route: RouteObject,
    ref: TrafficRouteRef,
    what: string,
  ): TrafficRoute {
    const rules = rulesOf(route);
    const index = ruleIndex(rules, ref, what);
    const rule = rules[index];
    const backends: TrafficBackend[] = (rule.backendRefs ?? [])
      .filter(isServiceRef)
      .map(b => ({
        service: b.name,
        ...(b.port ? { port: b.port } : {}),
        // Gateway API: an unset weight is 1.
        weight: b.weight ?? 1,
      }));
    return {
      kind: 'HTTPRoute',
      namespace: route.metadata.namespace,
      name: route.metadata.name,
      service: ref.service,
      rule: rule.name ?? index,
      backends,
      matches: (rule.matches ?? [])
        .map(toMatch)
        .filter(m => m.headers || m.cookies),
    };
  }
}
