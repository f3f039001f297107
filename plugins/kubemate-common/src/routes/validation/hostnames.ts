import { issueAt, type HttpRouteIssue } from './issues';
import type { HttpRouteSpec } from './schema';

const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
// The CRD's Hostname pattern: RFC 1123 labels, optionally after a `*.` first label.
const hostnamePattern = new RegExp(`^(\\*\\.)?${label}(\\.${label})*$`);

/**
 * Why a route hostname is invalid, or `undefined` when it is valid: the CRD's Hostname length
 * (1–253) and pattern, with a plain-words reason for the usual mistakes. Nothing beyond: the API
 * server accepts what the pattern accepts, including dotted digits (`10.0.0.1`, though the
 * Gateway API says IPs are not meant) and labels over 63 characters.
 */
export function hostnameProblem(hostname: string): string | undefined {
  if (hostname.length === 0) {
    return 'must not be empty';
  }
  if (hostname.length > 253) {
    return 'must be at most 253 characters';
  }
  if (hostname.slice(1).includes('*') || /^\*[^.]/.test(hostname)) {
    return 'a wildcard may only be the whole first label, as in *.example.com';
  }
  if (hostname === '*') {
    return 'a wildcard must be followed by a domain, as in *.example.com';
  }
  if (/[A-Z]/.test(hostname)) {
    return 'must be lower case';
  }
  if (!hostnamePattern.test(hostname)) {
    return 'must be an RFC 1123 hostname: labels of a-z, 0-9 and -, separated by dots, starting and ending with a letter or digit';
  }
  return undefined;
}

/** Each of `spec.hostnames` is a valid route hostname. */
export function checkHostnames(spec: HttpRouteSpec): HttpRouteIssue[] {
  return (spec.hostnames ?? []).flatMap((hostname, h) => {
    const problem = hostnameProblem(hostname);
    return problem ? [issueAt(['hostnames', h], problem)] : [];
  });
}
