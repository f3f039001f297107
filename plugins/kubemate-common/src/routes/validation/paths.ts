import { issueAt, type HttpRouteIssue } from './issues';
import type { HttpPathMatch, HttpRouteSpec } from './schema';

// The characters the CRD allows in an Exact or PathPrefix value: RFC 3986 path characters and
// percent-encodings.
const pathCharacters = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;

/**
 * Why the value of an Exact or PathPrefix path match is invalid, or `undefined` when it is valid:
 * the HTTPPathMatch CEL rules of the Gateway API CRD. RegularExpression values are checked by the
 * implementation (their dialect is its own).
 */
export function pathValueProblem(value: string): string | undefined {
  if (!value.startsWith('/')) {
    return "must be an absolute path starting with '/'";
  }
  for (const part of ['//', '/./', '/../', '%2f', '%2F', '#']) {
    if (value.includes(part)) {
      return `must not contain '${part}'`;
    }
  }
  for (const end of ['/..', '/.']) {
    if (value.endsWith(end)) {
      return `must not end with '${end}'`;
    }
  }
  if (!pathCharacters.test(value)) {
    return "must contain only path characters (letters, digits, -._~!$&'()*+,;=:@/) and %-encodings";
  }
  return undefined;
}

// A RegularExpression value is only held to the 1,024-character limit (any text, even empty):
// the CRD's path rules apply to Exact and PathPrefix only.
function pathMatchProblem(path: HttpPathMatch): string | undefined {
  const type = path.type ?? 'PathPrefix';
  if (type === 'RegularExpression') {
    return undefined;
  }
  return pathValueProblem(path.value ?? '/');
}

/** Path match values of every rule. */
export function checkPathMatches(spec: HttpRouteSpec): HttpRouteIssue[] {
  return (spec.rules ?? []).flatMap((rule, r) =>
    (rule.matches ?? []).flatMap((match, m) => {
      const problem = match.path && pathMatchProblem(match.path);
      return problem
        ? [issueAt(['rules', r, 'matches', m, 'path', 'value'], problem)]
        : [];
    }),
  );
}
