import type {
  HttpRouteObject,
  HttpRouteObjectRule,
  RouteTestParent,
} from '../types';

/** The listener `http` of the Gateway `team-a/team-a-gateway`, for tests. */
export const listener: RouteTestParent = {
  kind: 'Gateway',
  namespace: 'team-a',
  name: 'team-a-gateway',
  sectionName: 'http',
  port: 8000,
};

/** A route in team-a on that listener, for tests. */
export function route(
  name: string,
  rules: HttpRouteObjectRule[],
  extra: {
    hostnames?: string[];
    createdAt?: string;
    namespace?: string;
    parentRefs?: HttpRouteObject['spec']['parentRefs'];
  } = {},
): HttpRouteObject {
  const namespace = extra.namespace ?? 'team-a';
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name,
      namespace,
      creationTimestamp: extra.createdAt ?? '2026-01-01T00:00:00Z',
    },
    spec: {
      parentRefs: extra.parentRefs ?? [
        { name: 'team-a-gateway', namespace: 'team-a', sectionName: 'http' },
      ],
      hostnames: extra.hostnames ?? ['shop.example.com'],
      rules,
    },
  };
}

/** A rule with one match sending to one backend, for tests. */
export function rule(
  match: NonNullable<HttpRouteObjectRule['matches']>[number],
  backend: string,
): HttpRouteObjectRule {
  return { matches: [match], backendRefs: [{ name: backend, port: 8080 }] };
}
