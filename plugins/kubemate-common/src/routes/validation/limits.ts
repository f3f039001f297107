import { issueAt, type HttpRouteIssue } from './issues';
import type { HttpRouteSpec } from './schema';

/** The HTTPRoute CRD's list sizes (`maxItems`) and its per-route match total (a CEL rule). */
export const httpRouteLimits = {
  parentRefs: 32,
  hostnames: 16,
  rules: 16,
  matchesPerRule: 64,
  matchesPerRoute: 128,
  headersPerMatch: 16,
  queryParamsPerMatch: 16,
  filters: 16,
  backendRefs: 16,
  headerModifierEntries: 16,
  maxWeight: 1_000_000,
} as const;

function atMost(
  list: unknown[] | undefined,
  max: number,
  segments: PropertyKey[],
  what: string,
): HttpRouteIssue[] {
  return list && list.length > max
    ? [issueAt(segments, `at most ${max} ${what} (has ${list.length})`)]
    : [];
}

/** Counts against the CRD's limits, on a spec with its defaults written out. */
export function checkLimits(spec: HttpRouteSpec): HttpRouteIssue[] {
  const L = httpRouteLimits;
  const issues = [
    ...atMost(spec.parentRefs, L.parentRefs, ['parentRefs'], 'parents'),
    ...atMost(spec.hostnames, L.hostnames, ['hostnames'], 'hostnames'),
    ...atMost(spec.rules, L.rules, ['rules'], 'rules'),
  ];
  const rules = spec.rules ?? [];
  rules.forEach((rule, r) => {
    const at = ['rules', r];
    issues.push(
      ...atMost(rule.matches, L.matchesPerRule, [...at, 'matches'], 'matches'),
      ...atMost(rule.filters, L.filters, [...at, 'filters'], 'filters'),
      ...atMost(
        rule.backendRefs,
        L.backendRefs,
        [...at, 'backendRefs'],
        'backends',
      ),
    );
    (rule.matches ?? []).forEach((match, m) => {
      const atMatch = [...at, 'matches', m];
      issues.push(
        ...atMost(
          match.headers,
          L.headersPerMatch,
          [...atMatch, 'headers'],
          'header matches',
        ),
        ...atMost(
          match.queryParams,
          L.queryParamsPerMatch,
          [...atMatch, 'queryParams'],
          'query parameter matches',
        ),
      );
    });
    (rule.backendRefs ?? []).forEach((backend, b) => {
      issues.push(
        ...atMost(
          backend.filters,
          L.filters,
          [...at, 'backendRefs', b, 'filters'],
          'filters',
        ),
      );
    });
  });
  // A rule without matches counts as one (the CRD defaults it to `PathPrefix /`).
  const totalMatches = rules.reduce(
    (sum, rule) => sum + (rule.matches?.length ?? 1),
    0,
  );
  if (totalMatches > L.matchesPerRoute) {
    issues.push(
      issueAt(
        ['rules'],
        `at most ${L.matchesPerRoute} matches across all rules (has ${totalMatches})`,
      ),
    );
  }
  return issues;
}
