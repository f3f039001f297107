import { convertIngressRoute } from './convertIngressRoute';
import { parityCheck } from './parityCheck';
import { sampleRequests } from './sampleRequests';
import { traefikRouteFor } from './traefikRouter';
import { erpFinanceIngressRoute } from './__testUtils__/erpFinance';
import type { IngressRouteObject } from './types';

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
    expect(result.rows).toHaveLength(4);
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
    expect(result.rows[3]).toMatchObject({
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
    ['Host(`*.a.com`)', { host: 'x.a.com', path: '/' }, true],
    ['Host(`*.a.com`)', { host: 'x.y.a.com', path: '/' }, false],
    ['Path(`/a`)', { path: '/a' }, true],
    ['Path(`/a`)', { path: '/a/' }, false],
    ['PathPrefix(`/a`)', { path: '/ab' }, true],
    ['PathRegexp(`\\.css$`)', { path: '/x/y.css' }, true],
    ['Header(`X-A`, `1`)', { path: '/', headers: { 'x-a': '1' } }, true],
    [
      'HeaderRegexp(`X-A`, `^1`)',
      { path: '/', headers: { 'x-a': '2' } },
      false,
    ],
    ['Headers(`X-A`, `1`)', { path: '/', headers: { 'X-A': '1' } }, true],
    ['Query(`v`, `2`)', { path: '/?v=2' }, true],
    ['Query(`v=2`)', { path: '/', query: { v: '3' } }, false],
    ['QueryRegexp(`v`, `^[0-9]+$`)', { path: '/?v=42' }, true],
    ['Method(`POST`)', { path: '/', method: 'post' }, true],
    ['Method(`GET`, `HEAD`)', { path: '/', method: 'HEAD' }, true],
    ['HostRegexp(`{sub:[a-z]+}.a.com`)', { host: 'x.a.com', path: '/' }, true],
    ['ClientIP(`10.0.0.0/8`)', { path: '/' }, false],
    ['Path(`/a`) || Path(`/b`)', { path: '/b' }, true],
    ['PathPrefix(`/`) && !PathPrefix(`/admin`)', { path: '/admin/x' }, false],
  ])('%s on %j: %s', (match, request, expected) => {
    expect(traefikRouteFor(ir([{ match }]), request) !== undefined).toBe(
      expected,
    );
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
    ]);
  });
});
