import { httpRouteDefaults } from './defaults';
import { issueAt, type HttpRouteIssue } from './issues';
import type {
  HttpRouteFilter,
  HttpRouteFilterType,
  HttpRouteSpec,
} from './schema';

/** The Gateway API implementations Kubemate writes routes for. */
export const httpRouteImplementations = ['traefik', 'linkerd'] as const;
export type HttpRouteImplementation = (typeof httpRouteImplementations)[number];

/** What an ExtensionRef filter refers to under Traefik: a Middleware. */
export const traefikMiddlewareRef = {
  group: 'traefik.io',
  kind: 'Middleware',
} as const;

/**
 * The filters Linkerd applies on a route with a Service parent. Sources: Linkerd's policy
 * controller (linkerd/linkerd2, policy-controller/k8s/index/src/outbound/index/http.rs) converts
 * only these and fails the whole route on RequestMirror, URLRewrite and ExtensionRef; its
 * Gateway API types stop at v1.2.1 (linkerd.io 2.18 "Gateway API support": compatible with
 * 1.1.1–1.2.1), so later filters such as CORS are not read either. The same file takes timeouts
 * and retries from the `timeout.linkerd.io/*` and `retry.linkerd.io/*` annotations, never from
 * the rule's `timeouts`/`retry` (linkerd.io "Configuring Timeouts": annotations on the route).
 */
export const linkerdFilterTypes: readonly HttpRouteFilterType[] = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestRedirect',
];

// Rule fields Linkerd ignores in a gateway.networking.k8s.io HTTPRoute, with what to use.
const linkerdIgnoredRuleFields: Record<string, string> = {
  timeouts:
    'Linkerd ignores timeouts here; set the timeout.linkerd.io/request annotation on the route instead',
  retry:
    'Linkerd ignores retry here; set the retry.linkerd.io annotations on the route instead',
  sessionPersistence: 'Linkerd does not support session persistence',
};

type PlacedFilter = { filter: HttpRouteFilter; at: PropertyKey[] };

function allFilters(spec: HttpRouteSpec): PlacedFilter[] {
  return (spec.rules ?? []).flatMap((rule, r) => [
    ...(rule.filters ?? []).map((filter, f) => ({
      filter,
      at: ['rules', r, 'filters', f],
    })),
    ...(rule.backendRefs ?? []).flatMap((backend, b) =>
      (backend.filters ?? []).map((filter, f) => ({
        filter,
        at: ['rules', r, 'backendRefs', b, 'filters', f],
      })),
    ),
  ]);
}

function checkTraefik(spec: HttpRouteSpec): HttpRouteIssue[] {
  const issues: HttpRouteIssue[] = [];
  (spec.parentRefs ?? []).forEach((ref, p) => {
    const group = ref.group ?? httpRouteDefaults.parentGroup;
    const kind = ref.kind ?? httpRouteDefaults.parentKind;
    if (group !== httpRouteDefaults.parentGroup || kind !== 'Gateway') {
      issues.push(
        issueAt(
          ['parentRefs', p, 'kind'],
          'Traefik serves routes attached to a Gateway listener; Service parents are for the Linkerd mesh',
        ),
      );
    }
  });
  for (const { filter, at } of allFilters(spec)) {
    const ref = filter.extensionRef;
    if (
      filter.type === 'ExtensionRef' &&
      ref &&
      (ref.group !== traefikMiddlewareRef.group ||
        ref.kind !== traefikMiddlewareRef.kind)
    ) {
      issues.push(
        issueAt(
          [...at, 'extensionRef'],
          'Traefik takes an ExtensionRef to a Middleware (group traefik.io, kind Middleware)',
        ),
      );
    }
  }
  return issues;
}

function checkLinkerd(spec: HttpRouteSpec): HttpRouteIssue[] {
  const issues: HttpRouteIssue[] = [];
  (spec.parentRefs ?? []).forEach((ref, p) => {
    if (ref.group !== '' || ref.kind !== 'Service') {
      issues.push(
        issueAt(
          ['parentRefs', p, 'kind'],
          "Linkerd serves routes attached to a Service (group '', kind Service)",
        ),
      );
    }
  });
  for (const { filter, at } of allFilters(spec)) {
    if (filter.type === 'ExtensionRef') {
      issues.push(
        issueAt(
          [...at, 'type'],
          'ExtensionRef filters (Traefik Middlewares) work only with Traefik',
        ),
      );
    } else if (!linkerdFilterTypes.includes(filter.type)) {
      issues.push(
        issueAt(
          [...at, 'type'],
          `Linkerd does not support ${filter.type} filters and would ignore the whole route`,
        ),
      );
    }
  }
  (spec.rules ?? []).forEach((rule, r) => {
    for (const [field, message] of Object.entries(linkerdIgnoredRuleFields)) {
      if (rule[field] !== undefined) {
        issues.push(issueAt(['rules', r, field], message));
      }
    }
    (rule.backendRefs ?? []).forEach((backend, b) => {
      const group = backend.group ?? httpRouteDefaults.backendGroup;
      const kind = backend.kind ?? httpRouteDefaults.backendKind;
      if (group !== '' || kind !== 'Service') {
        issues.push(
          issueAt(
            ['rules', r, 'backendRefs', b, 'kind'],
            'Linkerd routes only to Services',
          ),
        );
      }
    });
  });
  return issues;
}

/** What the chosen implementation does not support, or would read differently. */
export function checkImplementation(
  spec: HttpRouteSpec,
  implementation: HttpRouteImplementation,
): HttpRouteIssue[] {
  return implementation === 'linkerd' ? checkLinkerd(spec) : checkTraefik(spec);
}
