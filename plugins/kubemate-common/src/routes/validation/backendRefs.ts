import { httpRouteDefaults } from './defaults';
import { issueAt, type HttpRouteIssue } from './issues';
import { httpRouteLimits } from './limits';
import type { HttpRouteSpec } from './schema';

/** Backend weights (0–1,000,000) and the port a Service backend needs. */
export function checkBackendRefs(spec: HttpRouteSpec): HttpRouteIssue[] {
  const issues: HttpRouteIssue[] = [];
  (spec.rules ?? []).forEach((rule, r) =>
    (rule.backendRefs ?? []).forEach((backend, b) => {
      const at = ['rules', r, 'backendRefs', b];
      const weight = backend.weight;
      if (
        weight !== undefined &&
        (weight < 0 || weight > httpRouteLimits.maxWeight)
      ) {
        issues.push(
          issueAt([...at, 'weight'], 'weight must be between 0 and 1,000,000'),
        );
      }
      const group = backend.group ?? httpRouteDefaults.backendGroup;
      const kind = backend.kind ?? httpRouteDefaults.backendKind;
      if (group === '' && kind === 'Service' && backend.port === undefined) {
        issues.push(
          issueAt([...at, 'port'], 'a Service backend needs its port'),
        );
      }
    }),
  );
  return issues;
}
