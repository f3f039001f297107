import type {
  HttpBackendRef,
  HttpRouteFilter,
  HttpRouteMatch,
  HttpRouteParentRef,
  HttpRouteRuleSpec,
  HttpRouteSpec,
} from './schema';

/**
 * The values the HTTPRoute CRD defaults (its `default:` markers), written out by
 * `withExplicitDefaults` so that what Kubemate applies equals what the API server stores, and
 * GitOps tools comparing the two see no drift.
 */
export const httpRouteDefaults = {
  parentGroup: 'gateway.networking.k8s.io',
  parentKind: 'Gateway',
  backendGroup: '',
  backendKind: 'Service',
  backendWeight: 1,
  pathType: 'PathPrefix',
  pathValue: '/',
  valueMatchType: 'Exact',
  redirectStatusCode: 302,
  mirrorFractionDenominator: 100,
} as const;

const defaultMatch = (): HttpRouteMatch => ({
  path: {
    type: httpRouteDefaults.pathType,
    value: httpRouteDefaults.pathValue,
  },
});

function parentRefDefaults(ref: HttpRouteParentRef): HttpRouteParentRef {
  return {
    ...ref,
    group: ref.group ?? httpRouteDefaults.parentGroup,
    kind: ref.kind ?? httpRouteDefaults.parentKind,
  };
}

function matchDefaults(match: HttpRouteMatch): HttpRouteMatch {
  const out: HttpRouteMatch = {
    ...match,
    path: {
      ...match.path,
      type: match.path?.type ?? httpRouteDefaults.pathType,
      value: match.path?.value ?? httpRouteDefaults.pathValue,
    },
  };
  if (match.headers) {
    out.headers = match.headers.map(h => ({
      ...h,
      type: h.type ?? httpRouteDefaults.valueMatchType,
    }));
  }
  if (match.queryParams) {
    out.queryParams = match.queryParams.map(q => ({
      ...q,
      type: q.type ?? httpRouteDefaults.valueMatchType,
    }));
  }
  return out;
}

function filterDefaults(filter: HttpRouteFilter): HttpRouteFilter {
  const out: HttpRouteFilter = { ...filter };
  if (filter.requestRedirect) {
    out.requestRedirect = {
      ...filter.requestRedirect,
      statusCode:
        filter.requestRedirect.statusCode ??
        httpRouteDefaults.redirectStatusCode,
    };
  }
  if (filter.requestMirror) {
    const ref = filter.requestMirror.backendRef;
    const fraction = filter.requestMirror.fraction;
    out.requestMirror = {
      ...filter.requestMirror,
      backendRef: {
        ...ref,
        group: ref.group ?? httpRouteDefaults.backendGroup,
        kind: ref.kind ?? httpRouteDefaults.backendKind,
      },
    };
    if (fraction) {
      out.requestMirror.fraction = {
        ...fraction,
        denominator:
          fraction.denominator ?? httpRouteDefaults.mirrorFractionDenominator,
      };
    }
  }
  return out;
}

function backendRefDefaults(ref: HttpBackendRef): HttpBackendRef {
  const out: HttpBackendRef = {
    ...ref,
    group: ref.group ?? httpRouteDefaults.backendGroup,
    kind: ref.kind ?? httpRouteDefaults.backendKind,
    weight: ref.weight ?? httpRouteDefaults.backendWeight,
  };
  if (ref.filters) {
    out.filters = ref.filters.map(filterDefaults);
  }
  return out;
}

function ruleDefaults(rule: HttpRouteRuleSpec): HttpRouteRuleSpec {
  const out: HttpRouteRuleSpec = {
    ...rule,
    matches: (rule.matches ?? [defaultMatch()]).map(matchDefaults),
  };
  if (rule.filters) {
    out.filters = rule.filters.map(filterDefaults);
  }
  if (rule.backendRefs) {
    out.backendRefs = rule.backendRefs.map(backendRefDefaults);
  }
  return out;
}

/**
 * The spec with every field the CRD would default written out: parentRefs' `group`/`kind`,
 * backendRefs' `group: ''`, `kind: Service`, `weight: 1` (mirrors' `group` and `kind` alike),
 * a mirror fraction's `denominator: 100`, a `PathPrefix /` match where a rule has none (and one rule matching everything where the route has none), match types `Exact`,
 * redirect status 302. Fields already set, and fields the schema does not model, are kept. Pure:
 * the input is not changed.
 */
export function withExplicitSpecDefaults(spec: HttpRouteSpec): HttpRouteSpec {
  const out: HttpRouteSpec = {
    ...spec,
    rules: (spec.rules ?? [{ matches: [defaultMatch()] }]).map(ruleDefaults),
  };
  if (spec.parentRefs) {
    out.parentRefs = spec.parentRefs.map(parentRefDefaults);
  }
  return out;
}

/** The route (any object with an HTTPRoute `spec`) with its spec's defaults written out. */
export function withExplicitDefaults<R extends { spec: HttpRouteSpec }>(
  route: R,
): R {
  return { ...route, spec: withExplicitSpecDefaults(route.spec) };
}
