import { issueAt, type HttpRouteIssue } from './issues';
import { httpRouteLimits } from './limits';
import { repeatedIndexes } from './matches';
import type {
  HttpHeaderModifier,
  HttpPathModifier,
  HttpRouteFilter,
  HttpRouteFilterType,
  HttpRouteMatch,
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
  // One action per header name, names compared case-insensitively.
  const entries = [
    ...(modifier.set ?? []).map((h, i) => ({
      name: h.name,
      at: ['set', i, 'name'],
    })),
    ...(modifier.add ?? []).map((h, i) => ({
      name: h.name,
      at: ['add', i, 'name'],
    })),
    ...(modifier.remove ?? []).map((name, i) => ({ name, at: ['remove', i] })),
  ];
  for (const i of repeatedIndexes(entries, e => e.name.toLowerCase())) {
    issues.push(
      issueAt(
        [...at, ...entries[i].at],
        `header ${entries[i].name} already has an action in this filter`,
      ),
    );
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

function replacesPrefix(
  filter: HttpRouteFilter,
): 'requestRedirect' | 'urlRewrite' | undefined {
  for (const field of ['requestRedirect', 'urlRewrite'] as const) {
    const path = filter[field]?.path;
    if (
      path?.type === 'ReplacePrefixMatch' &&
      path.replacePrefixMatch !== undefined
    ) {
      return field;
    }
  }
  return undefined;
}

// ReplacePrefixMatch rewrites what a PathPrefix matched, so the rule must have one such match.
function hasSinglePrefixMatch(matches: HttpRouteMatch[] | undefined): boolean {
  // No matches means the CRD's default, one `PathPrefix /` match.
  if (matches === undefined) {
    return true;
  }
  return (
    matches.length === 1 &&
    (matches[0].path?.type ?? 'PathPrefix') === 'PathPrefix'
  );
}

/**
 * The filters of every rule and backend, and the rules tying filters to the rest of the rule:
 * no RequestRedirect in a rule with backends, ReplacePrefixMatch only in a rule whose one
 * match is a PathPrefix.
 */
export function checkFilters(spec: HttpRouteSpec): HttpRouteIssue[] {
  const issues: HttpRouteIssue[] = [];
  (spec.rules ?? []).forEach((rule, r) => {
    const placed: Array<{ filter: HttpRouteFilter; at: Segments }> = [];
    const ruleFilters = rule.filters ?? [];
    issues.push(...checkFilterList(ruleFilters, ['rules', r, 'filters']));
    ruleFilters.forEach((filter, f) =>
      placed.push({ filter, at: ['rules', r, 'filters', f] }),
    );
    (rule.backendRefs ?? []).forEach((backend, b) => {
      const at = ['rules', r, 'backendRefs', b, 'filters'];
      issues.push(...checkFilterList(backend.filters ?? [], at));
      (backend.filters ?? []).forEach((filter, f) =>
        placed.push({ filter, at: [...at, f] }),
      );
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

    if (!hasSinglePrefixMatch(rule.matches)) {
      for (const { filter, at } of placed) {
        const field = replacesPrefix(filter);
        if (field) {
          issues.push(
            issueAt(
              [...at, field, 'path', 'type'],
              'ReplacePrefixMatch needs the rule to have exactly one match, of type PathPrefix',
            ),
          );
        }
      }
    }
  });
  return issues;
}
