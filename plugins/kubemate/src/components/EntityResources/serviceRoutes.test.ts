import type { ClusterRoutes } from '@kubemate/plugin-kubemate-common';
import { describeServiceRoute, routesOfService } from './serviceRoutes';

const backend = (name: string, weight: number, percent: number) => ({
  kind: 'Service',
  namespace: 'bank-payments',
  name,
  port: 80,
  weight,
  percent,
});

const routes = {
  cluster: 'demo',
  status: 'ok',
  notInstalled: [],
  namespaces: ['bank-payments'],
  gateways: [],
  services: [],
  conflicts: [],
  warnings: [],
  httpRoutes: [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      namespace: 'bank-payments',
      name: 'payments',
      hostnames: ['pay.example.com'],
      parents: [],
      spec: {},
      rules: [
        {
          matches: ['PathPrefix /'],
          filters: [],
          backends: [
            backend('payments-api', 90, 90),
            backend('payments-canary', 10, 10),
          ],
        },
      ],
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      namespace: 'bank-payments',
      name: 'mesh',
      hostnames: [],
      parents: [
        {
          kind: 'Service',
          namespace: 'bank-payments',
          name: 'payments-api',
          conditions: [],
        },
      ],
      spec: {},
      rules: [{ matches: [], filters: [], backends: [] }],
    },
  ],
  ingressRoutes: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      namespace: 'bank-payments',
      name: 'legacy',
      entryPoints: ['web'],
      routes: [
        {
          match: 'Host(`old.example.com`)',
          services: [{ name: 'payments-api', port: 80 }],
          middlewares: [],
        },
      ],
    },
    {
      apiVersion: 'traefik.io/v1alpha1',
      namespace: 'other',
      name: 'elsewhere',
      entryPoints: ['web'],
      routes: [
        {
          match: 'Host(`x`)',
          services: [{ name: 'payments-api', port: 80 }],
          middlewares: [],
        },
      ],
    },
  ],
} as ClusterRoutes;

describe('routesOfService', () => {
  it('finds HTTPRoute backends with their share, Service parents and IngressRoutes of the namespace', () => {
    const found = routesOfService(routes, {
      namespace: 'bank-payments',
      name: 'payments-api',
    });
    expect(found.map(describeServiceRoute)).toEqual([
      'HTTPRoute payments (pay.example.com), 90 %',
      'HTTPRoute mesh, attached to the Service',
      'IngressRoute legacy (web)',
    ]);
    expect(
      routesOfService(routes, {
        namespace: 'bank-payments',
        name: 'payments-canary',
      }).map(describeServiceRoute),
    ).toEqual(['HTTPRoute payments (pay.example.com), 10 %']);
  });

  it('finds nothing for a Service no route names, or without routes', () => {
    expect(
      routesOfService(routes, { namespace: 'bank-payments', name: 'db' }),
    ).toEqual([]);
    expect(routesOfService(undefined, { namespace: 'x', name: 'y' })).toEqual(
      [],
    );
  });
});
