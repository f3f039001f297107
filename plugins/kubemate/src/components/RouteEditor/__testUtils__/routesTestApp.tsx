import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  ClusterRoutes,
  EntityRoutesResponse,
  HttpRouteSummary,
} from '@kubemate/plugin-kubemate-common';
import {
  kubemateApiRef,
  serviceProfilesApiRef,
  type KubemateApi,
} from '../../../api';
import { noServiceProfilesApi } from '../../ServiceProfiles/__testUtils__/noServiceProfiles';
import { inMemoryKubemateApi } from '../../../__testUtils__/clusterFixtures';
import { EntityRoutesContent } from '../../EntityRoutesContent';

/** Test-only data and rendering of the Routes tab with the route editor. */
export const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
};

/** A Linkerd split with a field the form does not edit (the rule's name). */
export const splitRoute = (): HttpRouteSummary => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  namespace: 'bank-payments',
  name: 'payments-api-split',
  resourceVersion: '42',
  hostnames: [],
  parents: [
    {
      kind: 'Service',
      namespace: 'bank-payments',
      name: 'payments-api',
      port: 8080,
      conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }],
    },
  ],
  rules: [
    {
      matches: ['PathPrefix /'],
      backends: [
        {
          kind: 'Service',
          namespace: 'bank-payments',
          name: 'payments-api-v1',
          port: 8080,
          weight: 90,
          percent: 100,
        },
      ],
      filters: [],
    },
  ],
  spec: {
    parentRefs: [
      { group: '', kind: 'Service', name: 'payments-api', port: 8080 },
    ],
    rules: [
      {
        name: 'split',
        backendRefs: [{ name: 'payments-api-v1', port: 8080, weight: 90 }],
      },
    ],
  },
});

export const simCluster = (): ClusterRoutes => ({
  cluster: 'sim',
  title: 'Demo cluster',
  status: 'ok',
  notInstalled: [],
  httpRoutes: [splitRoute()],
  ingressRoutes: [],
  namespaces: ['bank-payments'],
  gateways: [
    {
      namespace: 'bank-payments',
      name: 'bank-payments-gateway',
      conditions: [],
      listeners: [
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: '*.payments.bank.example.com',
          conditions: [],
        },
      ],
    },
  ],
  services: [
    {
      namespace: 'bank-payments',
      name: 'payments-api',
      ports: [{ name: 'http', port: 8080 }],
    },
    {
      namespace: 'bank-payments',
      name: 'payments-api-v1',
      ports: [{ name: 'http', port: 8080 }],
    },
  ],
  conflicts: [
    {
      parent: 'Gateway bank-payments/bank-payments-gateway',
      hostname: 'api.payments.bank.example.com',
      match: 'PathPrefix /',
      routes: ['bank-payments/payments-api', 'bank-payments/legacy'],
      winner: 'bank-payments/payments-api',
      why: 'older creation timestamp',
    },
  ],
  warnings: [
    'ServiceProfile payments-api.bank-payments.svc.cluster.local shadows HTTPRoutes of Service payments-api',
  ],
});

/** The tab in a test app, route writes allowed or denied; `routes` may be changed by a test. */
export function renderRoutesTab(options: {
  allowed: boolean;
  routeApi?: Partial<
    Pick<KubemateApi, 'previewRoute' | 'createRoute' | 'updateRoute'>
  >;
  routes?: EntityRoutesResponse;
}) {
  const routes = options.routes ?? { items: [simCluster()] };
  const api: KubemateApi = inMemoryKubemateApi([], [], {
    routes,
    routeApi: options.routeApi,
  });
  return {
    api,
    routes,
    rendered: renderInTestApp(
      <TestApiProvider
        apis={[
          [kubemateApiRef, api],
          [serviceProfilesApiRef, noServiceProfilesApi],
          [
            permissionApiRef,
            new MockPermissionApi(() =>
              options.allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            ),
          ],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityRoutesContent />
        </EntityProvider>
      </TestApiProvider>,
    ),
  };
}

/** A 400 of the route endpoints as the client rejects with it. */
export function invalidRouteError(
  issues: Array<{ path: string; message: string }>,
) {
  return Object.assign(new Error('Request failed with 400 Bad Request'), {
    name: 'ResponseError',
    statusCode: 400,
    body: {
      error: { name: 'InputError', message: 'Invalid HTTPRoute' },
      response: { statusCode: 400 },
      issues,
    },
  });
}

/** A 409 of the route endpoints. */
export function conflictError(message: string) {
  return Object.assign(new Error('Request failed with 409 Conflict'), {
    name: 'ResponseError',
    statusCode: 409,
    body: {
      error: { name: 'ConflictError', message },
      response: { statusCode: 409 },
    },
  });
}
