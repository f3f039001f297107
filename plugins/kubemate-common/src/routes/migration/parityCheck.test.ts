import { convertIngressRoute } from './convertIngressRoute';
import { parityCheck } from './parityCheck';
import { sampleRequests } from './sampleRequests';
import { traefikRouteFor } from './traefikRouter';
import { erpFinanceIngressRoute } from './__testUtils__/erpFinance';
import type { IngressRouteObject } from './types';
import type { RouteTestRequest } from '../tester';

const erpGateway = { name: 'erp-finance-gateway', sectionName: 'http' };

function ir(routes: IngressRouteObject['spec']['routes']): IngressRouteObject {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name: 'shop', namespace: 'team-a' },
    spec: { routes },
  };
}

describe('the seeded erp-finance IngressRoute', () => {
  const ingressRoute = erpFinanceIngressRoute();

  it('converts to one HTTPRoute with a note on PathPrefix', () => {
    const result = convertIngressRoute(ingressRoute, {
      parentRefs: [erpGateway],
    });
    expect(result.notConvertible).toEqual([]);
    expect(result.httpRoutes).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: {
          name: 'erp-finance',
          namespace: 'erp-finance',
          labels: {
            'app.kubernetes.io/name': 'erp-finance',
            'backstage.io/kubernetes-id': 'erp-finance',
          },
          annotations: {
            'kubemate.io/migrated-from': 'IngressRoute/erp-finance/erp-finance',
          },
        },
        spec: {
          parentRefs: [erpGateway],
          hostnames: ['finance.erp.example.com'],
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/' } }],
              backendRefs: [
                {
                  group: '',
                  kind: 'Service',
                  name: 'erp-finance',
                  port: 8080,
                  weight: 1,
                },
              ],
            },
          ],
        },
      },
    ]);
    expect(result.notes).toEqual([
      { route: 0, note: expect.stringContaining('PathPrefix(`/`) converted') },
      {
        note: 'entryPoints web: attach the HTTPRoutes to the Gateway listener on the matching port',
      },
    ]);
  });

  it('has parity on the derived samples and extra requests', () => {
    const { httpRoutes } = convertIngressRoute(ingressRoute, {
      parentRefs: [erpGateway],
    });
    expect(sampleRequests(ingressRoute)).toEqual([
      { host: 'finance.erp.example.com', path: '/', method: 'GET' },
      { host: 'finance.erp.example.com', path: '/sample', method: 'GET' },
      // another host, and the host in capitals with a port
      { host: 'other.example.invalid', path: '/', method: 'GET' },
      { host: 'FINANCE.ERP.EXAMPLE.COM:443', path: '/', method: 'GET' },
    ]);
    const result = parityCheck(ingressRoute, httpRoutes, [
      {
        host: 'finance.erp.example.com',
        path: '/ledger?year=2026',
        method: 'POST',
      },
      { host: 'other.example.com', path: '/' },
    ]);
    expect(result.mismatches).toEqual([]);
    expect(result.rows).toHaveLength(6);
    expect(result.rows[0]).toEqual({
      request: { host: 'finance.erp.example.com', path: '/', method: 'GET' },
      traefik: {
        route: 0,
        match: 'Host(`finance.erp.example.com`) && PathPrefix(`/`)',
        backends: ['erp-finance/erp-finance:8080 (100%)'],
      },
      gateway: {
        route: 'erp-finance/erp-finance',
        ruleIndex: 0,
        matchIndex: 0,
        backends: ['erp-finance/erp-finance:8080 (100%)'],
      },
      same: true,
    });
    expect(result.rows[5]).toMatchObject({
      traefik: null,
      gateway: null,
      same: true,
    });
  });

  it('tests routes without parentRefs on a stand-in gateway', () => {
    const { httpRoutes } = convertIngressRoute(ingressRoute);
    expect(parityCheck(ingressRoute, httpRoutes).mismatches).toEqual([]);
  });
});

describe('traefikRouteFor', () => {
  it.each([
    ['Host(`a.com`)', { host: 'A.com:80', path: '/' }, true],
    ['Host(`a.com.`)', { host: 'a.com', path: '/' }, true],
    ['Host(`a.com`)', { path: '/' }, false],
    // Host has no wildcard in Traefik: *.a.com is a literal host name
    ['Host(`*.a.com`)', { host: 'x.a.com', path: '/' }, false],
    ['Host(`*.a.com`)', { host: 'x.y.a.com', path: '/' }, false],
    ['Host(`a.com:8080`)', { host: 'a.com:8080', path: '/' }, false],
    ['Path(`/a`)', { path: '/a' }, true],
    ['Path(`/a`)', { path: '/a/' }, false],
    ['Path(`/a b`)', { path: '/a%20b' }, true],
    ['Path(`/a/b`)', { path: '/a%2Fb' }, false],
    ['PathPrefix(`/a`)', { path: '/ab' }, true],
    ['PathPrefix(`/A`)', { path: '/a' }, false],
    ['PathRegexp(`\\.css$`)', { path: '/x/y.css' }, true],
    ['PathRegexp(`^/api/v[0-9]+`)', { path: '/api/v2/x' }, true],
    ['PathRegexp(`/v[0-9]+`)', { path: '/api/v2/x' }, true],
    ['PathRegexp(`(?i)^/API`)', { path: '/api' }, true],
    ['PathRegexp(`[`)', { path: '/[' }, false],
    ['Header(`X-A`, `1`)', { path: '/', headers: { 'x-a': '1' } }, true],
    ['Header(`X-A`, `1`)', { path: '/', headers: { 'x-a': '10' } }, false],
    [
      'HeaderRegexp(`X-A`, `^1`)',
      { path: '/', headers: { 'x-a': '2' } },
      false,
    ],
    [
      'HeaderRegexp(`X-A`, `1`)',
      { path: '/', headers: { 'x-a': '210' } },
      true,
    ],
    // v2 matchers are refused in v3 syntax (the default for traefik.io)
    ['Headers(`X-A`, `1`)', { path: '/', headers: { 'X-A': '1' } }, false],
    ['Headers(`X-A`, `1`)', { path: '/', headers: { 'X-A': '1' } }, true, 'v2'],
    ['Header(`X-A`, `1`)', { path: '/', headers: { 'X-A': '1' } }, false, 'v2'],
    ['Query(`v`, `2`)', { path: '/?v=2' }, true],
    ['Query(`v`, `2`)', { path: '/?v=1&v=2' }, true],
    ['Query(`v=2`)', { path: '/?v=1&v=2' }, false, 'v2'],
    ['Query(`v=2`)', { path: '/?v=2' }, true, 'v2'],
    ['Query(`v=2`)', { path: '/?v=2' }, false],
    ['Query(`v=`)', { path: '/?v=abc' }, true, 'v2'],
    ['Query(`v=2`)', { path: '/', query: { v: '3' } }, false, 'v2'],
    // v3 Query with a key alone: the parameter with an empty value
    ['Query(`v`)', { path: '/?v' }, true],
    ['Query(`v`)', { path: '/?v=1' }, false],
    ['QueryRegexp(`v`, `^[0-9]+$`)', { path: '/?v=42' }, true],
    ['QueryRegexp(`v`, `[0-9]`)', { path: '/?v=a4' }, true],
    ['Method(`POST`)', { path: '/', method: 'POST' }, true],
    ['Method(`post`)', { path: '/', method: 'POST' }, true],
    ['Method(`POST`)', { path: '/', method: 'post' }, false],
    ['Method(`GET`, `HEAD`)', { path: '/', method: 'HEAD' }, false],
    ['Method(`GET`, `HEAD`)', { path: '/', method: 'HEAD' }, true, 'v2'],
    ['Host(`a.com`, `b.com`)', { host: 'b.com', path: '/' }, true, 'v2'],
    ['HostRegexp(`^[a-z]+\\.a\\.com$`)', { host: 'X.a.com', path: '/' }, true],
    ['HostRegexp(`a\\.com`)', { host: 'x.a.com.evil', path: '/' }, true],
    ['HostRegexp(`{sub:[a-z]+}.a.com`)', { host: 'x.a.com', path: '/' }, false],
    [
      'HostRegexp(`{sub:[a-z]+}.a.com`)',
      { host: 'x.a.com', path: '/' },
      true,
      'v2',
    ],
    [
      'HostRegexp(`{sub:[a-z]+}.a.com`)',
      { host: 'x.a.com.evil', path: '/' },
      false,
      'v2',
    ],
    ['Path(`/u/{id:[0-9]+}`)', { path: '/u/42' }, true, 'v2'],
    ['Path(`/u/{id:[0-9]+}`)', { path: '/u/42/x' }, false, 'v2'],
    ['PathPrefix(`/u/{id}`)', { path: '/u/42/x' }, true, 'v2'],
    ['Path(`/u/{id}`)', { path: '/u/{id}' }, true],
    ['ClientIP(`10.0.0.0/8`)', { path: '/' }, false],
    ['!ClientIP(`10.0.0.0/8`)', { path: '/' }, true],
    ['pathprefix(`/`) && HOST(`a.com`)', { host: 'a.com', path: '/' }, true],
    ['Path(`/a`) || Path(`/b`)', { path: '/b' }, true],
    ['Path(`/a`) || Headers(`X`, `1`)', { path: '/a' }, false],
    ['PathPrefix(`/`) && !PathPrefix(`/admin`)', { path: '/admin/x' }, false],
  ] as Array<[string, RouteTestRequest, boolean, ('v2' | 'v3')?]>)(
    '%s on %j: %s (%s)',
    // (rest arguments: jest would take a fourth parameter for a done callback)
    (...row) => {
      const [match, request, expected, syntax] = row;
      expect(
        traefikRouteFor(
          ir([{ match, ...(syntax ? { syntax } : {}) }]),
          request,
        ) !== undefined,
      ).toBe(expected);
    },
  );

  it('reads traefik.containo.us rules as v2 and takes a default syntax', () => {
    const v2 = {
      ...ir([{ match: 'Headers(`X-A`, `1`)' }]),
      apiVersion: 'traefik.containo.us/v1alpha1',
    };
    const req = { path: '/', headers: { 'x-a': '1' } };
    expect(traefikRouteFor(v2, req)?.route).toBe(0);
    const io = ir([{ match: 'Headers(`X-A`, `1`)' }]);
    expect(traefikRouteFor(io, req)).toBeUndefined();
    expect(traefikRouteFor(io, req, { ruleSyntax: 'v2' })?.route).toBe(0);
  });

  it('counts the rule length in bytes and reports ties', () => {
    const routes = ir([
      { match: 'Path(`/é`)' },
      { match: 'Path(`/xx`)' },
      { match: 'PathPrefix(`/`)', priority: 11 },
    ]);
    expect(traefikRouteFor(routes, { path: '/%C3%A9' })).toEqual({
      route: 0,
      match: 'Path(`/é`)',
      priority: 11,
      tiedWith: [2],
    });
    const same = ir([
      { match: 'PathPrefix(`/a`)' },
      { match: 'PathPrefix(`/b`)' },
      { match: 'PathPrefix(`/`)' },
    ]);
    expect(traefikRouteFor(same, { path: '/a' })).toEqual({
      route: 0,
      match: 'PathPrefix(`/a`)',
      priority: 16,
    });
  });

  it('prefers the explicit priority, else the longer rule', () => {
    const routes = ir([
      { match: 'PathPrefix(`/`)' },
      { match: 'PathPrefix(`/api`)' },
      { match: 'PathPrefix(`/api/x`)', priority: 1 },
    ]);
    expect(traefikRouteFor(routes, { path: '/api/x' })?.route).toBe(1);
    expect(traefikRouteFor(routes, { path: '/other' })?.route).toBe(0);
  });
});

describe('parityCheck', () => {
  it('shows where a string prefix and path segments differ', () => {
    const ingressRoute = ir([
      {
        match: 'Host(`a.com`) && PathPrefix(`/`)',
        services: [{ name: 'web', port: 80 }],
      },
      {
        match: 'Host(`a.com`) && PathPrefix(`/api`)',
        services: [{ name: 'api', port: 80 }],
      },
    ]);
    const { httpRoutes } = convertIngressRoute(ingressRoute);
    const { mismatches } = parityCheck(ingressRoute, httpRoutes);
    expect(
      mismatches.map(m => [
        m.request.path,
        m.traefik?.backends,
        m.gateway?.backends,
      ]),
    ).toEqual([
      ['/apisample', ['team-a/api:80 (100%)'], ['team-a/web:80 (100%)']],
    ]);
  });

  it('shows requests a route left out would no longer reach', () => {
    const ingressRoute = ir([
      { match: 'Host(`a.com`)', services: [{ name: 'web', port: 80 }] },
      {
        match:
          'Host(`a.com`) && ClientIP(`10.0.0.0/8`) || Header(`X-Admin`, `1`)',
        services: [{ name: 'admin', port: 80 }],
      },
    ]);
    const conversion = convertIngressRoute(ingressRoute);
    expect(conversion.notConvertible.map(p => p.what)).toEqual(['||']);
    const { mismatches } = parityCheck(ingressRoute, conversion.httpRoutes);
    expect(
      mismatches.map(m => [
        m.request.path,
        m.traefik?.route,
        m.gateway?.backends,
      ]),
    ).toEqual([
      ['/', 1, ['team-a/web:80 (100%)']],
      ['/sample', 1, ['team-a/web:80 (100%)']],
      // other.example.invalid: Traefik's Header alternative still serves it
      ['/', 1, undefined],
      ['/', 1, ['team-a/web:80 (100%)']],
    ]);
    expect(mismatches[0].request.headers).toEqual({ 'X-Admin': '1' });
  });

  it('compares weights and TraefikServices', () => {
    const ingressRoute = ir([
      {
        match: 'Host(`a.com`)',
        services: [
          { name: 'web', port: 80, weight: 3 },
          { name: 'canary', port: 80, weight: 1 },
        ],
      },
      {
        match: 'Host(`b.com`)',
        services: [{ name: 'split', kind: 'TraefikService' }],
      },
    ]);
    const { httpRoutes } = convertIngressRoute(ingressRoute);
    const { rows, mismatches } = parityCheck(ingressRoute, httpRoutes);
    expect(rows[0].gateway?.backends).toEqual([
      'team-a/canary:80 (25%)',
      'team-a/web:80 (75%)',
    ]);
    expect(
      mismatches.map(m => [m.request.host, m.traefik?.backends, m.gateway]),
    ).toEqual([
      ['b.com', ['TraefikService team-a/split: (100%)'], null],
      ['b.com', ['TraefikService team-a/split: (100%)'], null],
      ['B.COM:443', ['TraefikService team-a/split: (100%)'], null],
    ]);
  });

  it('shows where an explicit priority chose another winner than Gateway API precedence', () => {
    const ingressRoute = ir([
      {
        match: 'PathPrefix(`/`)',
        services: [{ name: 'web', port: 80 }],
      },
      {
        match: 'PathPrefix(`/api`)',
        priority: 1,
        services: [{ name: 'api', port: 80 }],
      },
    ]);
    const conversion = convertIngressRoute(ingressRoute);
    expect(conversion.notes.map(n => n.note)).toContain(
      'priority 1 is dropped: Gateway API orders matches by its precedence rules (see the parity check)',
    );
    const { mismatches } = parityCheck(ingressRoute, conversion.httpRoutes);
    expect(
      mismatches.map(m => [
        m.request.path,
        m.traefik?.route,
        m.gateway?.ruleIndex,
      ]),
    ).toEqual([
      ['/api', 0, 1],
      ['/api/', 0, 1],
      ['/api/sample', 0, 1],
    ]);
  });
});
