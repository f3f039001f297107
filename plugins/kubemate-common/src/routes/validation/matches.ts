import { issueAt, type HttpRouteIssue } from './issues';
import type { HttpRouteSpec } from './schema';

/** Indexes of entries whose key repeats an earlier entry's. */
export function repeatedIndexes<T>(
  items: readonly T[],
  key: (item: T) => string,
): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) {
      repeated.push(i);
    }
    seen.add(k);
  });
  return repeated;
}

/**
 * Within a match, each header and each query parameter is listed once. The CRD makes both lists
 * maps keyed by `name`, so the API server compares names exactly: `X-Env` and `x-env` are two
 * entries to it (HTTP then uses the first), and only a repeated identical name is refused.
 */
export function checkMatchNames(spec: HttpRouteSpec): HttpRouteIssue[] {
  const issues: HttpRouteIssue[] = [];
  (spec.rules ?? []).forEach((rule, r) =>
    (rule.matches ?? []).forEach((match, m) => {
      const at = ['rules', r, 'matches', m];
      const headers = match.headers ?? [];
      for (const i of repeatedIndexes(headers, h => h.name)) {
        issues.push(
          issueAt(
            [...at, 'headers', i, 'name'],
            `header ${headers[i].name} is already matched in this match`,
          ),
        );
      }
      const params = match.queryParams ?? [];
      for (const i of repeatedIndexes(params, q => q.name)) {
        issues.push(
          issueAt(
            [...at, 'queryParams', i, 'name'],
            `query parameter ${params[i].name} is already matched in this match`,
          ),
        );
      }
    }),
  );
  return issues;
}
