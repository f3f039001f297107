import { issueAt, type HttpRouteIssue } from './issues';
import type { HttpRouteSpec } from './schema';

const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
// The CRD's Hostname pattern: RFC 1123 labels, optionally after a `*.` first label.
const hostnamePattern = new RegExp(`^(\\*\\.)?${label}(\\.${label})*$`);

/**
 * Why a route hostname is invalid, or `undefined` when it is valid. Beyond the CRD's pattern and
 * length, an IP address is refused (the Gateway API excludes them, as its Hostname type says)
 * and so is a label over 63 characters (RFC 1123).
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
  if (/^[0-9]+(\.[0-9]+){3}$/.test(hostname)) {
    return 'must be a hostname, not an IP address';
  }
  if (hostname.split('.').some(part => part.length > 63)) {
    return 'each label must be at most 63 characters';
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
