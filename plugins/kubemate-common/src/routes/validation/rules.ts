import { issueAt, type HttpRouteIssue } from './issues';
import { repeatedIndexes } from './matches';
import type { HttpRouteSpec } from './schema';

/**
 * Rule names are unique within the route (the CRD's CEL rule on `rules`), and a rule's retry
 * codes are a set (each code once).
 */
export function checkRules(spec: HttpRouteSpec): HttpRouteIssue[] {
  const rules = spec.rules ?? [];
  const issues: HttpRouteIssue[] = [];
  const named = rules
    .map((rule, r) => ({ name: rule.name, r }))
    .filter((entry): entry is { name: string; r: number } =>
      Boolean(entry.name),
    );
  for (const i of repeatedIndexes(named, entry => entry.name)) {
    issues.push(
      issueAt(
        ['rules', named[i].r, 'name'],
        `another rule is already named ${named[i].name}; rule names must be unique within the route`,
      ),
    );
  }
  rules.forEach((rule, r) => {
    const codes = rule.retry?.codes ?? [];
    for (const i of repeatedIndexes(codes, code => String(code))) {
      issues.push(
        issueAt(
          ['rules', r, 'retry', 'codes', i],
          `status code ${codes[i]} is already listed`,
        ),
      );
    }
  });
  return issues;
}
