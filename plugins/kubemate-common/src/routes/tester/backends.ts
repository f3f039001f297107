import type { RouteBackend } from '../contract';
import type { HttpRouteObjectRule } from './types';

/** The backends of a rule with their weights (default 1) and share in percent (two decimals). */
export function ruleBackends(
  rule: HttpRouteObjectRule,
  routeNamespace: string,
): RouteBackend[] {
  const refs = rule.backendRefs ?? [];
  const total = refs.reduce((sum, r) => sum + (r.weight ?? 1), 0);
  return refs.map(r => {
    const weight = r.weight ?? 1;
    return {
      kind: r.kind ?? 'Service',
      namespace: r.namespace ?? routeNamespace,
      name: r.name,
      ...(r.port !== undefined ? { port: r.port } : {}),
      weight,
      percent: total > 0 ? Math.round((weight / total) * 10000) / 100 : 0,
    };
  });
}
