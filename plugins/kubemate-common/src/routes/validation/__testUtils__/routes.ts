import type { HttpRouteRuleSpec, HttpRouteSpec } from '../schema';
import type { ValidateHttpRouteOptions } from '../validateHttpRoute';

export const traefik: ValidateHttpRouteOptions = { implementation: 'traefik' };
export const linkerd: ValidateHttpRouteOptions = { implementation: 'linkerd' };

/** A valid route on the namespace's Gateway listener `http`, for Traefik. */
export function gatewaySpec(
  overrides: Partial<HttpRouteSpec> = {},
): HttpRouteSpec {
  return {
    parentRefs: [{ name: 'team-a', sectionName: 'http' }],
    hostnames: ['shop.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
        backendRefs: [{ name: 'web', port: 8080 }],
      },
    ],
    ...overrides,
  };
}

/** A Gateway route with the given rules. */
export function withRules(...rules: HttpRouteRuleSpec[]): HttpRouteSpec {
  return gatewaySpec({ rules });
}

/** A valid route with a Service parent, for Linkerd. */
export function serviceSpec(
  overrides: Partial<HttpRouteSpec> = {},
): HttpRouteSpec {
  return {
    parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 8080 }],
    rules: [
      {
        backendRefs: [
          { name: 'web', port: 8080, weight: 90 },
          { name: 'web-canary', port: 8080, weight: 10 },
        ],
      },
    ],
    ...overrides,
  };
}

/** `n` items made by `make`. */
export function times<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}
