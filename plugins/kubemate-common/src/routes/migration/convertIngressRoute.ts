import type {
  HttpRouteObject,
  HttpRouteObjectMatch,
  HttpRouteObjectParentRef,
  HttpRouteObjectRule,
} from '../tester';
import {
  convertMiddlewares,
  convertServices,
  type ResolvePort,
} from './services';
import { prefixNote, valueMatches } from './matchConditions';
import { searchToFullMatch } from './regex';
import {
  interpretMatcher,
  ruleRejection,
  ruleSyntaxOf,
  type RuleSyntax,
  type TraefikCondition,
} from './traefikMatchers';
import { conjunction, parseTraefikRule } from './traefikRule';
import type {
  ConversionNote,
  ConversionProblem,
  IngressRouteObject,
  IngressRouteRoute,
} from './types';

export const ingressRouteApiVersions = [
  'traefik.io/v1alpha1',
  'traefik.containo.us/v1alpha1',
];

export interface ConvertIngressRouteOptions {
  /** Where the HTTPRoutes attach, e.g. the namespace's Gateway listener. */
  parentRefs?: HttpRouteObjectParentRef[];
  /** Resolves a named Service port to its number. */
  resolvePort?: ResolvePort;
  /**
   * Traefik's default rule syntax for routes that set none (`core.defaultRuleSyntax`); v3 unless
   * said, v2 always for `traefik.containo.us` IngressRoutes (Traefik v2).
   */
  ruleSyntax?: RuleSyntax;
}

export interface IngressRouteConversion {
  httpRoutes: HttpRouteObject[];
  notConvertible: ConversionProblem[];
  notes: ConversionNote[];
}

const MAX_RULES = 16;

interface ConvertedRoute {
  hostnames: string[];
  rule: HttpRouteObjectRule;
}

/** Converts one IngressRoute route, or returns why it cannot be. */
function convertRoute(
  ingressRoute: IngressRouteObject,
  route: IngressRouteRoute,
  index: number,
  namespace: string,
  options: ConvertIngressRouteOptions,
  notes: ConversionNote[],
): ConvertedRoute | ConversionProblem[] {
  const parsed = parseTraefikRule(route.match ?? '');
  if (!parsed.ok) {
    return [
      {
        route: index,
        what: route.match,
        reason: `the rule cannot be parsed: ${parsed.error} at position ${parsed.position}`,
        position: parsed.position,
      },
    ];
  }
  const syntax: RuleSyntax = ruleSyntaxOf(
    ingressRoute,
    route,
    options.ruleSyntax,
  );
  const rejected = ruleRejection(parsed.node, syntax);
  if (rejected) {
    return [
      {
        route: index,
        what: rejected.matcher.text,
        reason: `Traefik refuses this rule in ${syntax} syntax (${rejected.reason}), so the route serves nothing today`,
        position: rejected.matcher.position,
      },
    ];
  }
  const conj = conjunction(parsed.node);
  if (!conj.ok) {
    const or = conj.node.type === 'or';
    return [
      {
        route: index,
        what: or ? '||' : '!',
        reason: or
          ? 'an HTTPRoute rule cannot express || across matchers; split it into several routes by hand'
          : 'an HTTPRoute has no negative match',
        position: conj.node.position,
      },
    ];
  }
  const problems: ConversionProblem[] = [];
  const conditions: Array<{
    c: TraefikCondition;
    text: string;
    position: number;
  }> = [];
  for (const m of conj.matchers) {
    const c = interpretMatcher(m, syntax);
    const reason = unconvertible(c);
    if (reason) {
      problems.push({
        route: index,
        what: m.text,
        reason,
        position: m.position,
      });
    } else {
      conditions.push({ c, text: m.text, position: m.position });
    }
  }
  const once = (kind: TraefikCondition['kind']) => {
    const found = conditions.filter(x => x.c.kind === kind);
    if (found.length > 1) {
      problems.push({
        route: index,
        what: found[1].text,
        reason: `an HTTPRoute match has one ${kind}; this rule ANDs several`,
        position: found[1].position,
      });
    }
    return found[0]?.c;
  };
  const host = once('host') as
    | Extract<TraefikCondition, { kind: 'host' }>
    | undefined;
  const path = once('path') as
    | Extract<TraefikCondition, { kind: 'path' }>
    | undefined;
  const method = once('method') as
    | Extract<TraefikCondition, { kind: 'method' }>
    | undefined;
  const { headers, queryParams } = valueMatches(conditions, index, problems);

  const backendRefs = convertServices(
    route,
    index,
    namespace,
    options,
    problems,
    notes,
  );
  const filters = convertMiddlewares(
    route,
    index,
    namespace,
    problems,
    ingressRoute.apiVersion.startsWith('traefik.containo.us/')
      ? 'traefik.containo.us'
      : 'traefik.io',
    notes,
  );
  if (problems.length) return problems;

  const paths = path
    ? path.values.map(value => ({ type: path.type, value }))
    : [{ type: 'PathPrefix' as const, value: '/' }];
  const matches: HttpRouteObjectMatch[] = [];
  for (const p of paths) {
    for (const m of method?.methods ?? [undefined]) {
      matches.push({
        path: {
          type: p.type,
          value:
            p.type === 'RegularExpression'
              ? searchToFullMatch(p.value)
              : p.value,
        },
        ...(m ? { method: m } : {}),
        ...(headers.length ? { headers } : {}),
        ...(queryParams.length ? { queryParams } : {}),
      });
    }
  }
  for (const p of path?.values ?? []) {
    if (path?.type === 'PathPrefix') {
      notes.push({ route: index, note: prefixNote(p) });
    }
    if (path?.type === 'RegularExpression') {
      notes.push({
        route: index,
        note: `the path expression ${p} (searched anywhere by Traefik) converted to the full-match expression ${searchToFullMatch(
          p,
        )}; both use Go's RE2 syntax, but regular expressions are implementation-specific in Gateway API: check yours`,
      });
    }
  }
  if (route.priority !== undefined) {
    notes.push({
      route: index,
      note: `priority ${route.priority} is dropped: Gateway API orders matches by its precedence rules (see the parity check)`,
    });
  }
  if (
    queryParams.length &&
    conditions.some(x => x.c.kind === 'query' && x.c.anyValue)
  ) {
    notes.push({
      route: index,
      note: 'Traefik v3 accepts any value of a repeated query parameter; Gateway API implementations usually look at the first one only',
    });
  }
  return {
    hostnames: [...new Set(host?.hosts ?? [])].sort(),
    rule: {
      matches,
      ...(filters.length ? { filters } : {}),
      backendRefs,
    },
  };
}

/** Why a Traefik condition has no HTTPRoute form, or undefined when it has one. */
function unconvertible(c: TraefikCondition): string | undefined {
  switch (c.kind) {
    case 'host': {
      const wild = c.hosts.find(h => h.includes('*'));
      if (wild) {
        return `Traefik's Host matches ${wild} literally (it has no wildcard); a Gateway API hostname ${wild} would match every subdomain. Write the hostnames served, or the wildcard if that was meant, by hand`;
      }
      const ip = c.hosts.find(h => /^[\d.]+$|:|^\[/.test(h));
      return ip
        ? `an HTTPRoute hostname cannot be an IP address or carry a port (${ip})`
        : undefined;
    }
    case 'hostRegexp':
      return 'HTTPRoute hostnames are exact or a *. wildcard; a host regular expression has no equivalent';
    case 'clientIP':
      return 'HTTPRoute cannot match on the client IP; use a Middleware (ipAllowList) or a NetworkPolicy';
    case 'invalid':
      return c.reason;
    default:
      return undefined;
  }
}

/**
 * Converts a Traefik IngressRoute (either API group) into HTTPRoutes, one per distinct set of
 * hosts, with each Traefik route as a rule; lists what cannot be converted (the whole Traefik
 * route is then left out) and notes on differences and steps left to do.
 */
export function convertIngressRoute(
  ingressRoute: IngressRouteObject,
  options: ConvertIngressRouteOptions = {},
): IngressRouteConversion {
  const notConvertible: ConversionProblem[] = [];
  const notes: ConversionNote[] = [];
  if (
    !ingressRouteApiVersions.includes(ingressRoute.apiVersion) ||
    (ingressRoute.kind && ingressRoute.kind !== 'IngressRoute')
  ) {
    notConvertible.push({
      what: `${ingressRoute.apiVersion} ${ingressRoute.kind ?? ''}`.trim(),
      reason: `not a Traefik IngressRoute (${ingressRouteApiVersions.join(
        ' or ',
      )})`,
    });
    return { httpRoutes: [], notConvertible, notes };
  }
  const { name } = ingressRoute.metadata;
  const namespace = ingressRoute.metadata.namespace ?? 'default';
  const groups = new Map<string, ConvertedRoute[]>();
  (ingressRoute.spec.routes ?? []).forEach((route, index) => {
    const converted = convertRoute(
      ingressRoute,
      route,
      index,
      namespace,
      options,
      notes,
    );
    if (Array.isArray(converted)) {
      notConvertible.push(...converted);
      return;
    }
    const key = converted.hostnames.join(',');
    groups.set(key, [...(groups.get(key) ?? []), converted]);
  });

  const tls = ingressRoute.spec.tls;
  if (tls?.secretName) {
    notes.push({
      note: `TLS: the Gateway needs an HTTPS listener whose certificateRefs name the Secret ${tls.secretName}; attach the HTTPRoutes to that listener`,
    });
  }
  if (tls?.certResolver) {
    notConvertible.push({
      what: `tls.certResolver ${tls.certResolver}`,
      reason:
        'certificates for Gateway listeners come from Secrets (e.g. cert-manager), not a Traefik resolver',
    });
  }
  if (tls?.options || tls?.store) {
    notConvertible.push({
      what: 'tls.options / tls.store',
      reason: 'TLS options belong to the Gateway listener, not the HTTPRoute',
    });
  }
  if (ingressRoute.spec.entryPoints?.length) {
    notes.push({
      note: `entryPoints ${ingressRoute.spec.entryPoints.join(
        ', ',
      )}: attach the HTTPRoutes to the Gateway listener on the matching port`,
    });
  }
  if (!options.parentRefs?.length) {
    notes.push({
      note: 'no parentRefs: choose the Gateway listener the HTTPRoutes attach to',
    });
  }

  const chunks: ConvertedRoute[][] = [];
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i += MAX_RULES) {
      chunks.push(list.slice(i, i + MAX_RULES));
    }
  }
  const httpRoutes = chunks.map(
    (chunk, i): HttpRouteObject => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: {
        name: chunks.length === 1 ? name : `${name}-${i + 1}`,
        namespace,
        ...(ingressRoute.metadata.labels
          ? { labels: { ...ingressRoute.metadata.labels } }
          : {}),
        annotations: {
          'kubemate.io/migrated-from': `IngressRoute/${namespace}/${name}`,
        },
      },
      spec: {
        ...(options.parentRefs?.length
          ? { parentRefs: options.parentRefs }
          : {}),
        ...(chunk[0].hostnames.length ? { hostnames: chunk[0].hostnames } : {}),
        rules: chunk.map(c => c.rule),
      },
    }),
  );
  return { httpRoutes, notConvertible, notes };
}
