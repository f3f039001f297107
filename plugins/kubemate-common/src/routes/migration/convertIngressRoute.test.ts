import { convertIngressRoute } from './convertIngressRoute';
import { prefixNote } from './matchConditions';
import type { IngressRouteObject, IngressRouteRoute } from './types';

function ingressRoute(
  routes: Array<Partial<IngressRouteRoute> & { match: string }>,
  extra: Partial<IngressRouteObject['spec']> = {},
  apiVersion = 'traefik.io/v1alpha1',
): IngressRouteObject {
  return {
    apiVersion,
    kind: 'IngressRoute',
    metadata: { name: 'shop', namespace: 'team-a' },
    spec: {
      entryPoints: ['web'],
      routes: routes.map(r => ({
        kind: 'Rule',
        services: [{ name: 'web', port: 8080 }],
        ...r,
      })),
      ...extra,
    },
  };
}

const gateway = [{ name: 'team-a-gateway', sectionName: 'http' }];

function firstMatches(ir: IngressRouteObject) {
  const result = convertIngressRoute(ir, { parentRefs: gateway });
  expect(result.notConvertible).toEqual([]);
  return result.httpRoutes[0].spec.rules?.[0].matches;
}

describe('convertIngressRoute', () => {
  it('converts a v3 rule with every supported matcher', () => {
    const result = convertIngressRoute(
      ingressRoute([
        {
          match:
            'Host(`shop.example.com`) && Path(`/cart`) && Method(`POST`) && Header(`X-Team`, `a`) && HeaderRegexp(`X-Env`, `^prod`) && Query(`v`, `2`)',
        },
      ]),
      { parentRefs: gateway },
    );
    expect(result.notConvertible).toEqual([]);
    expect(result.httpRoutes).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: {
          name: 'shop',
          namespace: 'team-a',
          annotations: {
            'kubemate.io/migrated-from': 'IngressRoute/team-a/shop',
          },
        },
        spec: {
          parentRefs: gateway,
          hostnames: ['shop.example.com'],
          rules: [
            {
              matches: [
                {
                  path: { type: 'Exact', value: '/cart' },
                  method: 'POST',
                  headers: [
                    { type: 'Exact', name: 'X-Team', value: 'a' },
                    {
                      type: 'RegularExpression',
                      name: 'X-Env',
                      value: '(?:prod).*',
                    },
                  ],
                  queryParams: [{ type: 'Exact', name: 'v', value: '2' }],
                },
              ],
              backendRefs: [
                {
                  group: '',
                  kind: 'Service',
                  name: 'web',
                  port: 8080,
                  weight: 1,
                },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('converts PathPrefix with a note on string prefix versus path segments', () => {
    const result = convertIngressRoute(
      ingressRoute([{ match: 'PathPrefix(`/api`)' }]),
    );
    expect(result.httpRoutes[0].spec.rules?.[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/api' } },
    ]);
    expect(result.notes.map(n => n.note)).toContain(
      'PathPrefix(`/api`) converted: Traefik matches a string prefix while Gateway API matches whole path segments; /apix no longer matches, only /api and /api/…',
    );
    expect(prefixNote('/api/')).toBe(
      'PathPrefix(`/api/`) converted: Traefik matches a string prefix while Gateway API matches whole path segments; Gateway API ignores the trailing slash, so /api now matches too',
    );
  });

  it('converts PathRegexp to a full-match expression', () => {
    expect(
      firstMatches(ingressRoute([{ match: 'PathRegexp(`\\.css$`)' }])),
    ).toEqual([{ path: { type: 'RegularExpression', value: '.*(?:\\.css)' } }]);
    expect(
      firstMatches(ingressRoute([{ match: 'PathRegexp(`^/v[0-9]+/`)' }])),
    ).toEqual([
      { path: { type: 'RegularExpression', value: '(?:/v[0-9]+/).*' } },
    ]);
  });

  it('converts v2 forms: Headers, HeadersRegexp, Query pairs, multi-argument Host, Path and Method', () => {
    const result = convertIngressRoute(
      ingressRoute(
        [
          {
            match:
              'Host(`a.example.com`, `b.example.com`) && Path(`/a`, `/b`) && Method(`GET`, `HEAD`) && Headers(`X-A`, `1`) && HeadersRegexp(`X-B`, `^x$`) && Query(`p=1`, `q=2`)',
          },
        ],
        {},
        'traefik.containo.us/v1alpha1',
      ),
      { parentRefs: gateway },
    );
    expect(result.notConvertible).toEqual([]);
    const route = result.httpRoutes[0];
    expect(route.spec.hostnames).toEqual(['a.example.com', 'b.example.com']);
    const matches = route.spec.rules?.[0].matches ?? [];
    expect(matches.map(m => `${m.path?.value} ${m.method}`)).toEqual([
      '/a GET',
      '/a HEAD',
      '/b GET',
      '/b HEAD',
    ]);
    expect(matches[0].headers).toEqual([
      { type: 'Exact', name: 'X-A', value: '1' },
      { type: 'RegularExpression', name: 'X-B', value: 'x' },
    ]);
    expect(matches[0].queryParams).toEqual([
      { type: 'Exact', name: 'p', value: '1' },
      { type: 'Exact', name: 'q', value: '2' },
    ]);
  });

  it('tells v2 query pairs from a v3 key and value', () => {
    expect(
      firstMatches(ingressRoute([{ match: 'Query(`a`, `b=c`)' }]))?.[0]
        .queryParams,
    ).toEqual([{ type: 'Exact', name: 'a', value: 'b=c' }]);
    // v2: `a=` is the parameter with any value; `a` alone is refused (pairs)
    expect(
      firstMatches(ingressRoute([{ match: 'Query(`a=`)', syntax: 'v2' }]))?.[0]
        .queryParams,
    ).toEqual([{ type: 'RegularExpression', name: 'a', value: '.*' }]);
    expect(
      convertIngressRoute(ingressRoute([{ match: 'Query(`a`)', syntax: 'v2' }]))
        .notConvertible[0].reason,
    ).toContain('Traefik refuses this rule in v2 syntax');
  });

  it('treats a v3 query key alone as an empty value and defaults to PathPrefix / without a path', () => {
    expect(firstMatches(ingressRoute([{ match: 'Query(`debug`)' }]))).toEqual([
      {
        path: { type: 'PathPrefix', value: '/' },
        queryParams: [
          { type: 'RegularExpression', name: 'debug', value: '^$' },
        ],
      },
    ]);
  });

  it('converts v2 path templates to regular expressions and reads traefik.containo.us as v2', () => {
    const ir = ingressRoute(
      [{ match: 'Path(`/users/{id:[0-9]+}`) && Headers(`X-A`, ``)' }],
      {},
      'traefik.containo.us/v1alpha1',
    );
    expect(firstMatches(ir)).toEqual([
      {
        path: { type: 'RegularExpression', value: '/users/(?:[0-9]+)' },
        headers: [{ type: 'RegularExpression', name: 'X-A', value: '.*' }],
      },
    ]);
    // in v3 the same path is a literal
    expect(
      firstMatches(ingressRoute([{ match: 'Path(`/users/{id}`)' }])),
    ).toEqual([{ path: { type: 'Exact', value: '/users/{id}' } }]);
  });

  it('names Middlewares in the IngressRoute group', () => {
    const ir = ingressRoute(
      [{ match: 'PathPrefix(`/`)', middlewares: [{ name: 'auth' }] }],
      {},
      'traefik.containo.us/v1alpha1',
    );
    const result = convertIngressRoute(ir, { parentRefs: gateway });
    expect(result.httpRoutes[0].spec.rules?.[0].filters).toEqual([
      {
        type: 'ExtensionRef',
        extensionRef: {
          group: 'traefik.containo.us',
          kind: 'Middleware',
          name: 'auth',
        },
      },
    ]);
    expect(result.notes.map(n => n.note).join('\n')).toContain(
      'Traefik v3 reads Middlewares of traefik.io only',
    );
  });

  it('makes one HTTPRoute per distinct set of hosts', () => {
    const result = convertIngressRoute(
      ingressRoute([
        { match: 'Host(`a.example.com`) && PathPrefix(`/x`)' },
        { match: 'Host(`b.example.com`)' },
        { match: 'Host(`a.example.com`) && PathPrefix(`/y`)' },
      ]),
    );
    expect(
      result.httpRoutes.map(r => [
        r.metadata.name,
        r.spec.hostnames,
        r.spec.rules?.length,
      ]),
    ).toEqual([
      ['shop-1', ['a.example.com'], 2],
      ['shop-2', ['b.example.com'], 1],
    ]);
  });

  it('converts weighted services and middlewares', () => {
    const result = convertIngressRoute(
      ingressRoute([
        {
          match: 'Host(`a.example.com`)',
          services: [
            { name: 'web', port: 8080, weight: 90 },
            { name: 'web-canary', port: '8080', weight: 10 },
            { name: 'api', namespace: 'team-b', port: 80 },
          ],
          middlewares: [
            { name: 'strip' },
            { name: 'auth', namespace: 'team-a' },
          ],
        },
      ]),
    );
    const rule = result.httpRoutes[0].spec.rules?.[0];
    expect(rule?.backendRefs).toEqual([
      { group: '', kind: 'Service', name: 'web', port: 8080, weight: 90 },
      {
        group: '',
        kind: 'Service',
        name: 'web-canary',
        port: 8080,
        weight: 10,
      },
      {
        group: '',
        kind: 'Service',
        name: 'api',
        namespace: 'team-b',
        port: 80,
        weight: 1,
      },
    ]);
    expect(rule?.filters).toEqual([
      {
        type: 'ExtensionRef',
        extensionRef: {
          group: 'traefik.io',
          kind: 'Middleware',
          name: 'strip',
        },
      },
      {
        type: 'ExtensionRef',
        extensionRef: { group: 'traefik.io', kind: 'Middleware', name: 'auth' },
      },
    ]);
    expect(result.notes.map(n => n.note)).toContain(
      'Service team-b/api is in another namespace: it needs a ReferenceGrant there',
    );
  });

  it('notes TLS, entryPoints, priority and missing parentRefs', () => {
    const result = convertIngressRoute(
      ingressRoute([{ match: 'Host(`a.example.com`)', priority: 10 }], {
        tls: { secretName: 'shop-tls' },
      }),
    );
    expect(result.notes.map(n => n.note)).toEqual([
      'priority 10 is dropped: Gateway API orders matches by its precedence rules (see the parity check)',
      'TLS: the Gateway needs an HTTPS listener whose certificateRefs name the Secret shop-tls; attach the HTTPRoutes to that listener',
      'entryPoints web: attach the HTTPRoutes to the Gateway listener on the matching port',
      'no parentRefs: choose the Gateway listener the HTTPRoutes attach to',
    ]);
  });

  it.each([
    ['Host(`a.com`) || Host(`b.com`)', '||', 14, 'cannot express ||'],
    ['Host(`a.com`) && !PathPrefix(`/admin`)', '!', 17, 'no negative match'],
    [
      'Host(`a.com`) && ClientIP(`10.0.0.0/8`)',
      'ClientIP(`10.0.0.0/8`)',
      17,
      'client IP',
    ],
    [
      'HostRegexp(`^.+\\.example\\.com$`)',
      'HostRegexp(`^.+\\.example\\.com$`)',
      0,
      'regular expression has no equivalent',
    ],
    ['Host(`a.com`) && Foo(`x`)', 'Foo(`x`)', 17, 'unknown matcher Foo'],
    [
      'Host(`a.com`',
      'Host(`a.com`',
      12,
      'cannot be parsed: expected ) to close Host( at position 12',
    ],
    [
      'PathPrefix(`/a`) && PathPrefix(`/b`)',
      'PathPrefix(`/b`)',
      20,
      'one path',
    ],
    [
      'Header(`X-A`)',
      'Header(`X-A`)',
      0,
      'Header takes 2 argument(s) in v3 syntax, not 1',
    ],
    [
      'Headers(`X-A`, `1`)',
      'Headers(`X-A`, `1`)',
      0,
      'Headers is a v2 matcher; Traefik rejects it in v3 syntax',
    ],
    ['Host(`*.a.com`)', 'Host(`*.a.com`)', 0, 'it has no wildcard'],
    ['PathRegexp(`(`)', 'PathRegexp(`(`)', 0, 'invalid regexp'],
    ['Host(`10.0.0.1`)', 'Host(`10.0.0.1`)', 0, 'IP address'],
  ])('does not convert %s', (match, what, position, reason) => {
    const result = convertIngressRoute(ingressRoute([{ match }]));
    expect(result.httpRoutes).toEqual([]);
    expect(result.notConvertible).toEqual([
      { route: 0, what, position, reason: expect.stringContaining(reason) },
    ]);
  });

  it('rejects multi-argument forms when the route says v3 syntax', () => {
    const result = convertIngressRoute(
      ingressRoute([{ match: 'Host(`a.com`, `b.com`)', syntax: 'v3' }]),
    );
    expect(result.notConvertible[0].reason).toContain(
      'Host takes 1 argument(s) in v3 syntax, not 2',
    );
  });

  it('does not convert TraefikServices, named ports or foreign middlewares, and keeps the other routes', () => {
    const result = convertIngressRoute(
      ingressRoute([
        {
          match: 'Path(`/a`)',
          services: [{ name: 'canary-split', kind: 'TraefikService' }],
        },
        { match: 'Path(`/b`)', services: [{ name: 'web', port: 'http' }] },
        { match: 'Path(`/c`)', middlewares: [{ name: 'auth@file' }] },
        {
          match: 'Path(`/d`)',
          middlewares: [{ name: 'auth', namespace: 'infra' }],
        },
        { match: 'Path(`/e`)' },
      ]),
    );
    expect(result.notConvertible.map(p => [p.route, p.what])).toEqual([
      [0, 'TraefikService canary-split'],
      [1, 'Service web port http'],
      [2, 'Middleware auth@file'],
      [3, 'Middleware infra/auth'],
    ]);
    expect(
      result.httpRoutes[0].spec.rules?.map(r => r.matches?.[0].path?.value),
    ).toEqual(['/e']);
    const resolved = convertIngressRoute(
      ingressRoute([
        { match: 'Path(`/b`)', services: [{ name: 'web', port: 'http' }] },
      ]),
      { resolvePort: (_, port) => (port === 'http' ? 8080 : undefined) },
    );
    expect(resolved.httpRoutes[0].spec.rules?.[0].backendRefs?.[0].port).toBe(
      8080,
    );
  });

  it('refuses other kinds and reports TLS resolvers', () => {
    expect(
      convertIngressRoute({
        ...ingressRoute([]),
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
      }).notConvertible[0].reason,
    ).toContain('not a Traefik IngressRoute');
    const resolver = convertIngressRoute(
      ingressRoute([{ match: 'Host(`a.com`)' }], {
        tls: { certResolver: 'le' },
      }),
    );
    expect(resolver.notConvertible[0].what).toBe('tls.certResolver le');
  });
});
