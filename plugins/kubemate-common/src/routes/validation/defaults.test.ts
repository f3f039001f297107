import { withExplicitDefaults, withExplicitSpecDefaults } from './defaults';
import type { HttpRouteSpec } from './schema';

describe('withExplicitDefaults', () => {
  it('writes out the fields the CRD defaults', () => {
    const spec: HttpRouteSpec = {
      parentRefs: [{ name: 'team-a', sectionName: 'http' }],
      rules: [
        {
          backendRefs: [{ name: 'web', port: 8080 }],
          filters: [
            { type: 'RequestRedirect', requestRedirect: { scheme: 'https' } },
          ],
        },
        {
          matches: [
            {
              headers: [{ name: 'x-env', value: 'canary' }],
              queryParams: [{ name: 'v', value: '2' }],
            },
          ],
          backendRefs: [
            {
              name: 'web-canary',
              port: 8080,
              filters: [
                {
                  type: 'RequestMirror',
                  requestMirror: { backendRef: { name: 'shadow', port: 80 } },
                },
              ],
            },
          ],
        },
      ],
    };
    expect(withExplicitSpecDefaults(spec)).toEqual({
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'team-a',
          sectionName: 'http',
        },
      ],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            { group: '', kind: 'Service', name: 'web', port: 8080, weight: 1 },
          ],
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: { scheme: 'https', statusCode: 302 },
            },
          ],
        },
        {
          matches: [
            {
              path: { type: 'PathPrefix', value: '/' },
              headers: [{ type: 'Exact', name: 'x-env', value: 'canary' }],
              queryParams: [{ type: 'Exact', name: 'v', value: '2' }],
            },
          ],
          backendRefs: [
            {
              group: '',
              kind: 'Service',
              name: 'web-canary',
              port: 8080,
              weight: 1,
              filters: [
                {
                  type: 'RequestMirror',
                  requestMirror: {
                    backendRef: {
                      group: '',
                      kind: 'Service',
                      name: 'shadow',
                      port: 80,
                    },
                  },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('keeps values already set, fields it does not model, and the rest of the route', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: 'web' }],
        rules: [
          {
            name: 'canary',
            matches: [{ path: { type: 'Exact' as const, value: '/health' } }],
            backendRefs: [{ name: 'web', port: 8080, weight: 0 }],
          },
        ],
      },
    };
    const before = JSON.parse(JSON.stringify(route));
    const result = withExplicitDefaults(route);
    expect(result).toEqual({
      ...route,
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: 'web' }],
        rules: [
          {
            name: 'canary',
            matches: [{ path: { type: 'Exact', value: '/health' } }],
            backendRefs: [
              {
                group: '',
                kind: 'Service',
                name: 'web',
                port: 8080,
                weight: 0,
              },
            ],
          },
        ],
      },
    });
    expect(route).toEqual(before);
    expect(withExplicitDefaults(result)).toEqual(result);
  });

  it('gives a route without rules the CRD default rule, and fills a partial path match', () => {
    expect(
      withExplicitSpecDefaults({ parentRefs: [{ name: 'team-a' }] }).rules,
    ).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }]);
    expect(
      withExplicitSpecDefaults({
        rules: [{ matches: [{ path: { value: '/api' } }, { method: 'GET' }] }],
      }).rules,
    ).toEqual([
      {
        matches: [
          { path: { type: 'PathPrefix', value: '/api' } },
          { path: { type: 'PathPrefix', value: '/' }, method: 'GET' },
        ],
      },
    ]);
  });

  it("defaults a mirror fraction's denominator to 100, keeping one already set", () => {
    const mirror = (fraction: { numerator: number; denominator?: number }) =>
      withExplicitSpecDefaults({
        rules: [
          {
            filters: [
              {
                type: 'RequestMirror',
                requestMirror: {
                  backendRef: { name: 'shadow', port: 80 },
                  fraction,
                },
              },
            ],
          },
        ],
      }).rules?.[0].filters?.[0].requestMirror;
    expect(mirror({ numerator: 5 })).toEqual({
      backendRef: { group: '', kind: 'Service', name: 'shadow', port: 80 },
      fraction: { numerator: 5, denominator: 100 },
    });
    expect(mirror({ numerator: 1, denominator: 3 })?.fraction).toEqual({
      numerator: 1,
      denominator: 3,
    });
  });

  it('keeps an explicit empty match list (the CRD defaults only a missing one)', () => {
    expect(
      withExplicitSpecDefaults({ rules: [{ matches: [] }] }).rules,
    ).toEqual([{ matches: [] }]);
  });
});
