import { httpRouteSpecSchema } from './schema';
import {
  implementationsOf,
  validateHttpRoute,
  validateHttpRouteForParents,
} from './validateHttpRoute';
import {
  gatewaySpec,
  serviceSpec,
  linkerd,
  traefik,
} from './__testUtils__/routes';

const fullRoute = {
  parentRefs: [
    {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: 'team-a',
      sectionName: 'https',
    },
    { name: 'team-a', sectionName: 'http' },
  ],
  hostnames: ['shop.example.com', '*.shop.example.com'],
  rules: [
    {
      matches: [
        {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [{ name: 'x-env', value: 'canary' }],
          queryParams: [{ type: 'RegularExpression', name: 'v', value: '^2' }],
          method: 'POST',
        },
      ],
      filters: [
        {
          type: 'RequestHeaderModifier',
          requestHeaderModifier: {
            add: [{ name: 'x-via', value: 'kubemate' }],
          },
        },
        {
          type: 'URLRewrite',
          urlRewrite: {
            path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
          },
        },
        {
          type: 'ExtensionRef',
          extensionRef: {
            group: 'traefik.io',
            kind: 'Middleware',
            name: 'auth',
          },
        },
      ],
      backendRefs: [
        { name: 'api', port: 8080, weight: 9 },
        {
          group: '',
          kind: 'Service',
          name: 'api-canary',
          port: 8080,
          weight: 1,
        },
      ],
      timeouts: { request: '1m30s', backendRequest: '10s' },
    },
    {
      matches: [{ path: { type: 'Exact', value: '/old' } }],
      filters: [
        {
          type: 'RequestRedirect',
          requestRedirect: {
            path: { type: 'ReplaceFullPath', replaceFullPath: '/new' },
            statusCode: 308,
          },
        },
      ],
    },
  ],
};

describe('validateHttpRoute', () => {
  it('finds nothing wrong with a valid route', () => {
    expect(httpRouteSpecSchema.safeParse(fullRoute).success).toBe(true);
    expect(validateHttpRoute(fullRoute, traefik)).toEqual([]);
    expect(validateHttpRoute(gatewaySpec(), traefik)).toEqual([]);
    expect(validateHttpRoute(serviceSpec(), linkerd)).toEqual([]);
  });

  it('reports shape errors at their field, and only those', () => {
    const issues = validateHttpRoute(
      {
        parentRefs: [{ sectionName: 'http' }],
        rules: [
          {
            matches: [
              {},
              { path: { type: 'Prefix', value: '/' }, method: 'FETCH' },
            ],
            backendRefs: [{ name: 'web', port: '8080', weight: 2_000_000 }],
          },
        ],
      },
      traefik,
    );
    expect(issues.map(i => i.path)).toEqual([
      'spec.parentRefs[0].name',
      'spec.rules[0].matches[1].path.type',
      'spec.rules[0].matches[1].method',
      'spec.rules[0].backendRefs[0].port',
    ]);
    expect(issues.every(i => i.message.length > 0)).toBe(true);
  });

  it('reports a spec that is not an object', () => {
    expect(validateHttpRoute(undefined, traefik)).toEqual([
      { path: 'spec', message: expect.any(String) },
    ]);
  });

  it('keeps fields it does not model out of the way', () => {
    const spec = gatewaySpec();
    expect(
      validateHttpRoute(
        {
          ...spec,
          rules: [{ ...spec.rules![0], name: 'api', sessionPersistence: {} }],
        },
        traefik,
      ),
    ).toEqual([]);
  });

  it('reports every problem of a route at once', () => {
    const issues = validateHttpRoute(
      gatewaySpec({
        hostnames: ['Shop.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'Exact', value: '/a//b' } }],
            backendRefs: [{ name: 'web', port: 8080, weight: -1 }],
            timeouts: { request: '1s', backendRequest: '2s' },
          },
        ],
      }),
      traefik,
    );
    expect(issues.map(i => i.path)).toEqual([
      'spec.hostnames[0]',
      'spec.rules[0].matches[0].path.value',
      'spec.rules[0].backendRefs[0].weight',
      'spec.rules[0].timeouts.backendRequest',
    ]);
  });
});

describe('implementationsOf', () => {
  it('picks implementations by parent kind', () => {
    expect(implementationsOf({})).toEqual(['traefik']);
    expect(implementationsOf({ parentRefs: [{ name: 'gw' }] })).toEqual([
      'traefik',
    ]);
    expect(
      implementationsOf({
        parentRefs: [{ kind: 'Service', group: '', name: 's' }],
      }),
    ).toEqual(['linkerd']);
    expect(
      implementationsOf({
        parentRefs: [{ name: 'gw' }, { kind: 'Service', group: '', name: 's' }],
      }),
    ).toEqual(['linkerd', 'traefik']);
  });
});

describe('validateHttpRouteForParents', () => {
  it('checks a route with both kinds of parents for both implementations, each issue once', () => {
    const issues = validateHttpRouteForParents({
      parentRefs: [{ name: 'gw' }, { kind: 'Service', group: '', name: 's' }],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: 'x' } }] }],
    });
    const paths = issues.map(i => `${i.path}|${i.message}`);
    expect(new Set(paths).size).toBe(paths.length);
    expect(issues.map(i => i.path)).toContain(
      'spec.rules[0].matches[0].path.value',
    );
  });
});
