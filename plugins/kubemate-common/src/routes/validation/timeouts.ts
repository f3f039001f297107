import { parseGatewayDuration } from './durations';
import { issueAt, type HttpRouteIssue } from './issues';
import type { HttpRouteSpec } from './schema';

/** A rule's backendRequest timeout is no longer than its request timeout (0s: no limit). */
export function checkTimeouts(spec: HttpRouteSpec): HttpRouteIssue[] {
  return (spec.rules ?? []).flatMap((rule, r) => {
    const { request, backendRequest } = rule.timeouts ?? {};
    if (request === undefined || backendRequest === undefined) {
      return [];
    }
    const requestMs = parseGatewayDuration(request);
    const backendMs = parseGatewayDuration(backendRequest);
    if (
      requestMs === undefined ||
      backendMs === undefined ||
      requestMs === 0 ||
      backendMs <= requestMs
    ) {
      return [];
    }
    return [
      issueAt(
        ['rules', r, 'timeouts', 'backendRequest'],
        `must not be longer than the request timeout (${request})`,
      ),
    ];
  });
}
