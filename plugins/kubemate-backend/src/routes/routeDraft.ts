import {
  httpRouteSpecSchema,
  validateHttpRouteForParents,
  withExplicitSpecDefaults,
  type HttpRouteDraft,
  type HttpRouteIssue,
  type HttpRouteObject,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';
import type { RouteScope } from './RouteScope';

/** The 400 of a route that does not validate, with every problem at its field. */
export class RouteInvalidError extends Error {
  readonly name = 'InputError';
  readonly statusCode = 400;
  constructor(readonly issues: HttpRouteIssue[]) {
    super(
      `Invalid HTTPRoute: ${issues
        .slice(0, 5)
        .map(i => `${i.path}: ${i.message}`)
        .join('; ')}${
        issues.length > 5 ? `; and ${issues.length - 5} more` : ''
      }`,
    );
  }
}

/**
 * What tenancy adds to the CRD's rules: a route lives in one of the entity's namespaces,
 * attaches and sends only within it (no ReferenceGrants across owners), and sends to (or, for
 * Linkerd, attaches to) at least one of the entity's Services, or it would not be the entity's.
 */
function tenancyIssues(
  scope: RouteScope,
  entityRef: string,
  route: HttpRouteObject,
): HttpRouteIssue[] {
  const namespace = route.metadata.namespace ?? '';
  if (!scope.namespaces.has(namespace)) {
    return [
      {
        path: 'metadata.namespace',
        message: `must be one of ${entityRef}'s namespaces in cluster ${
          scope.cluster
        }: ${[...scope.namespaces].sort().join(', ') || 'none'}`,
      },
    ];
  }
  const issues: HttpRouteIssue[] = [];
  (route.spec.parentRefs ?? []).forEach((p, i) => {
    if (p.namespace && p.namespace !== namespace) {
      issues.push({
        path: `spec.parentRefs[${i}].namespace`,
        message: `must be the route's namespace ${namespace}`,
      });
    }
  });
  const services: string[] = [];
  (route.spec.parentRefs ?? []).forEach(p => {
    if (p.kind === 'Service') services.push(`${namespace}/${p.name}`);
  });
  (route.spec.rules ?? []).forEach((rule, r) =>
    (rule.backendRefs ?? []).forEach((b, i) => {
      if (b.namespace && b.namespace !== namespace) {
        issues.push({
          path: `spec.rules[${r}].backendRefs[${i}].namespace`,
          message: `must be the route's namespace ${namespace}`,
        });
      }
      if ((b.kind ?? 'Service') === 'Service') {
        services.push(`${namespace}/${b.name}`);
      }
    }),
  );
  if (!services.some(s => scope.services.has(s))) {
    const own = [...scope.services.keys()]
      .filter(k => k.startsWith(`${namespace}/`))
      .map(k => k.slice(namespace.length + 1));
    issues.push({
      path: 'spec.rules',
      message: `must send traffic to one of ${entityRef}'s Services${
        own.length ? ` (${own.join(', ')})` : ''
      }, or attach to one as a parent`,
    });
  }
  return issues;
}

/**
 * The HTTPRoute to write for a draft: validated as the CRD and its CEL rules would, plus
 * tenancy, and with the defaulted fields (`group`, `kind`, `weight`…) written out so GitOps tools
 * see no drift. Throws RouteInvalidError with every issue otherwise.
 */
export function routeFromDraft(
  scope: RouteScope,
  entityRef: string,
  draft: HttpRouteDraft,
  stored?: KubeObject,
): HttpRouteObject {
  const issues = validateHttpRouteForParents(draft.spec);
  if (issues.length) throw new RouteInvalidError(issues);
  const spec = withExplicitSpecDefaults(httpRouteSpecSchema.parse(draft.spec));
  const route = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      // Labels and annotations the draft does not mention are kept as stored.
      ...(stored?.metadata ?? {}),
      name: draft.metadata.name,
      namespace: draft.metadata.namespace,
      ...(draft.metadata.labels ? { labels: draft.metadata.labels } : {}),
      ...(draft.metadata.annotations
        ? { annotations: draft.metadata.annotations }
        : {}),
      ...(draft.metadata.resourceVersion
        ? { resourceVersion: draft.metadata.resourceVersion }
        : {}),
    },
    spec,
  } as HttpRouteObject & KubeObject;
  delete (route.metadata as Record<string, unknown>).managedFields;
  const tenancy = tenancyIssues(scope, entityRef, route);
  if (tenancy.length) throw new RouteInvalidError(tenancy);
  return route;
}
