import { httpRouteDefaults } from './defaults';
import { issueAt, type HttpRouteIssue } from './issues';
import { httpRouteLimits } from './limits';
import { repeatedIndexes } from './matches';
import type {
  HttpHeaderModifier,
  HttpPathModifier,
  HttpRequestMirror,
  HttpRouteFilter,
  HttpRouteFilterType,
  HttpRouteMatch,
  HttpRouteRuleSpec,
  HttpRouteSpec,
} from './schema';

/** The field that holds each filter type's settings. */
export const filterFields = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
} as const satisfies Record<HttpRouteFilterType, keyof HttpRouteFilter>;

/** Redirect status codes the CRD accepts. */
export const redirectStatusCodes = [301, 302, 303, 307, 308] as const;

// Filter types a rule (or a backend) may use once only; ExtensionRef and RequestMirror repeat.
const singleUse: HttpRouteFilterType[] = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestRedirect',
  'URLRewrite',
  'CORS',
];

type Segments = PropertyKey[];

function checkFilterPayload(filter: HttpRouteFilter, at: Segments) {
  const issues: HttpRouteIssue[] = [];
  for (const [type, field] of Object.entries(filterFields)) {
    const set = filter[field] !== undefined;
    if (type === filter.type && !set) {
      issues.push(
        issueAt([...at, field], `a ${type} filter needs its ${field} settings`),
      );
    } else if (type !== filter.type && set) {
      issues.push(
        issueAt([...at, field], `${field} belongs only in a ${type} filter`),
      );
    }
  }
  return issues;
}

function checkPathModifier(path: HttpPathModifier, at: Segments) {
  const issues: HttpRouteIssue[] = [];
  const pairs = [
    ['ReplaceFullPath', 'replaceFullPath'],
    ['ReplacePrefixMatch', 'replacePrefixMatch'],
  ] as const;
  for (const [type, field] of pairs) {
    if (path.type === type && path[field] === undefined) {
      issues.push(issueAt([...at, field], `${type} needs ${field}`));
    } else if (path.type !== type && path[field] !== undefined) {
      issues.push(issueAt([...at, field], `${field} needs the type ${type}`));
    }
  }
  return issues;
}

// The CRD makes `set` and `add` maps keyed by `name` and `remove` a set: within each list a name
// appears once, compared exactly. It does not compare names across the lists or case-insensitively
// (the Gateway API asks for one action per header, but the API server does not check it).
function checkHeaderModifier(modifier: HttpHeaderModifier, at: Segments) {
  const issues: HttpRouteIssue[] = [];
  const max = httpRouteLimits.headerModifierEntries;
  for (const action of ['set', 'add', 'remove'] as const) {
    const list = modifier[action];
    if (list && list.length > max) {
      issues.push(
        issueAt([...at, action], `at most ${max} headers (has ${list.length})`),
      );
    }
  }
  for (const action of ['set', 'add'] as const) {
    const list = modifier[action] ?? [];
    for (const i of repeatedIndexes(list, h => h.name)) {
      issues.push(
        issueAt(
          [...at, action, i, 'name'],
          `header ${list[i].name} is already listed in ${action}`,
        ),
      );
    }
  }
  const removed = modifier.remove ?? [];
  for (const i of repeatedIndexes(removed, name => name)) {
    issues.push(
      issueAt(
        [...at, 'remove', i],
        `header ${removed[i]} is already listed in remove`,
      ),
    );
  }
  return issues;
}

// A RequestMirror: a Service backend needs its port, and the share mirrored is given as a percent
// or as a fraction (numerator at most the denominator, which defaults to 100), not both.
function checkRequestMirror(mirror: HttpRequestMirror, at: Segments) {
  const issues: HttpRouteIssue[] = [];
  const ref = mirror.backendRef;
  const group = ref.group ?? httpRouteDefaults.backendGroup;
  const kind = ref.kind ?? httpRouteDefaults.backendKind;
  if (group === '' && kind === 'Service' && ref.port === undefined) {
    issues.push(
      issueAt(
        [...at, 'backendRef', 'port'],
        'a Service to mirror to needs its port',
      ),
    );
  }
  if (mirror.percent !== undefined && mirror.fraction !== undefined) {
    issues.push(
      issueAt(
        [...at, 'fraction'],
        'give either percent or fraction for the share of requests mirrored, not both',
      ),
    );
  }
  const fraction = mirror.fraction;
  if (fraction) {
    const denominator =
      fraction.denominator ?? httpRouteDefaults.mirrorFractionDenominator;
    if (fraction.numerator > denominator) {
      issues.push(
        issueAt(
          [...at, 'fraction', 'numerator'],
          `must not be more than the denominator (${denominator})`,
        ),
      );
    }
  }
  return issues;
}

function checkOneFilter(filter: HttpRouteFilter, at: Segments) {
  const issues = checkFilterPayload(filter, at);
  const redirect = filter.requestRedirect;
  if (
    redirect?.statusCode !== undefined &&
    !(redirectStatusCodes as readonly number[]).includes(redirect.statusCode)
  ) {
    issues.push(
      issueAt(
        [...at, 'requestRedirect', 'statusCode'],
        'must be 301, 302, 303, 307 or 308',
      ),
    );
  }
  if (redirect?.path) {
    issues.push(
      ...checkPathModifier(redirect.path, [...at, 'requestRedirect', 'path']),
    );
  }
  if (filter.urlRewrite?.path) {
    issues.push(
      ...checkPathModifier(filter.urlRewrite.path, [
        ...at,
        'urlRewrite',
        'path',
      ]),
    );
  }
  if (filter.requestMirror) {
    issues.push(
      ...checkRequestMirror(filter.requestMirror, [...at, 'requestMirror']),
    );
  }
  for (const field of [
    'requestHeaderModifier',
    'responseHeaderModifier',
  ] as const) {
    const modifier = filter[field];
    if (modifier) {
      issues.push(...checkHeaderModifier(modifier, [...at, field]));
    }
  }
  return issues;
}

/** The filters of a rule or of a backend: each one, repeats, RequestRedirect with URLRewrite. */
function checkFilterList(filters: HttpRouteFilter[], at: Segments) {
  const issues = filters.flatMap((filter, f) =>
    checkOneFilter(filter, [...at, f]),
  );
  for (const type of singleUse) {
    filters.forEach((filter, f) => {
      if (filter.type === type && filters.findIndex(x => x.type === type) < f) {
        issues.push(
          issueAt(
            [...at, f, 'type'],
            `only one ${type} filter is allowed here`,
          ),
        );
      }
    });
  }
  const redirect = filters.findIndex(f => f.type === 'RequestRedirect');
  const rewrite = filters.findIndex(f => f.type === 'URLRewrite');
  if (redirect >= 0 && rewrite >= 0) {
    issues.push(
      issueAt(
        [...at, Math.max(redirect, rewrite), 'type'],
        'RequestRedirect and URLRewrite filters cannot be used together',
      ),
    );
  }
  return issues;
}

type PrefixReplacer = 'requestRedirect' | 'urlRewrite';

// Whether the filter replaces the matched prefix through its `field` (redirect or rewrite).
function replacesPrefix(filter: HttpRouteFilter, field: PrefixReplacer) {
  const path = filter[field]?.path;
  return (
    path?.type === 'ReplacePrefixMatch' && path.replacePrefixMatch !== undefined
  );
}

// ReplacePrefixMatch rewrites what a PathPrefix matched, so the rule must have one such match.
// On the defaulted spec a rule always has `matches` (possibly an explicit empty list).
function hasSinglePrefixMatch(matches: HttpRouteMatch[] | undefined): boolean {
  const list = matches ?? [{ path: { type: 'PathPrefix' } }];
  return list.length === 1 && list[0].path?.type === 'PathPrefix';
}

const replacePrefixMessage =
  'ReplacePrefixMatch needs the rule to have exactly one match, of type PathPrefix';

/**
 * ReplacePrefixMatch (in a redirect or a rewrite) only in a rule whose one match is a PathPrefix,
 * as the CRD's four rule-level CEL rules say. Each rule counts with `exists_one`, and so does this:
 * a rule's filters are held to it when exactly one of them replaces the prefix through that field,
 * and its backends when exactly one backend has (exactly one) such filter. Two backends that both
 * replace the prefix pass the API server, and pass here too.
 */
function checkReplacePrefix(
  rule: HttpRouteRuleSpec,
  r: number,
): HttpRouteIssue[] {
  if (hasSinglePrefixMatch(rule.matches)) {
    return [];
  }
  const issues: HttpRouteIssue[] = [];
  for (const field of ['requestRedirect', 'urlRewrite'] as const) {
    const ruleFilters = (rule.filters ?? [])
      .map((filter, f) => ({ filter, f }))
      .filter(({ filter }) => replacesPrefix(filter, field));
    if (ruleFilters.length === 1) {
      issues.push(
        issueAt(
          ['rules', r, 'filters', ruleFilters[0].f, field, 'path', 'type'],
          replacePrefixMessage,
        ),
      );
    }
    const backends = (rule.backendRefs ?? [])
      .map((backend, b) => ({
        b,
        fs: (backend.filters ?? [])
          .map((filter, f) => ({ filter, f }))
          .filter(({ filter }) => replacesPrefix(filter, field)),
      }))
      .filter(({ fs }) => fs.length === 1);
    if (backends.length === 1) {
      const { b, fs } = backends[0];
      issues.push(
        issueAt(
          [
            'rules',
            r,
            'backendRefs',
            b,
            'filters',
            fs[0].f,
            field,
            'path',
            'type',
          ],
          replacePrefixMessage,
        ),
      );
    }
  }
  return issues;
}

/**
 * The filters of every rule and backend, and the rules tying filters to the rest of the rule:
 * no RequestRedirect in a rule with backends, ReplacePrefixMatch only in a rule whose one
 * match is a PathPrefix.
 */
export function checkFilters(spec: HttpRouteSpec): HttpRouteIssue[] {
  const issues: HttpRouteIssue[] = [];
  (spec.rules ?? []).forEach((rule, r) => {
    const ruleFilters = rule.filters ?? [];
    issues.push(...checkFilterList(ruleFilters, ['rules', r, 'filters']));
    (rule.backendRefs ?? []).forEach((backend, b) => {
      const at = ['rules', r, 'backendRefs', b, 'filters'];
      issues.push(...checkFilterList(backend.filters ?? [], at));
    });

    if ((rule.backendRefs ?? []).length > 0) {
      ruleFilters.forEach((filter, f) => {
        if (filter.requestRedirect !== undefined) {
          issues.push(
            issueAt(
              ['rules', r, 'filters', f, 'type'],
              'a rule that redirects cannot also have backends',
            ),
          );
        }
      });
    }

    issues.push(...checkReplacePrefix(rule, r));
  });
  return issues;
}
