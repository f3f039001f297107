import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { EntityRoutesResponse } from '@kubemate/plugin-kubemate-common';
import { screen } from '@testing-library/react';
import { kubemateApiRef, serviceProfilesApiRef } from '../../api';
import { noServiceProfilesApi } from '../ServiceProfiles/__testUtils__/noServiceProfiles';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { EntityRoutesContent } from './EntityRoutesContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
};

const routes: EntityRoutesResponse = {
  items: [
    {
      cluster: 'sim',
      title: 'Demo cluster',
      status: 'ok',
      notInstalled: [],
      httpRoutes: [
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          namespace: 'bank-payments',
          name: 'payments-api-split',
          hostnames: [],
          parents: [
            {
              kind: 'Service',
              namespace: 'bank-payments',
              name: 'payments-api',
              port: 8080,
              conditions: [
                { type: 'Accepted', status: 'True', reason: 'Accepted' },
                {
                  type: 'ResolvedRefs',
                  status: 'False',
                  reason: 'BackendNotFound',
                  message: 'payments-api-v3 not found',
                },
              ],
            },
          ],
          spec: {},
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
                  percent: 90,
                },
                {
                  kind: 'Service',
                  namespace: 'bank-payments',
                  name: 'payments-api-v2',
                  port: 8080,
                  weight: 10,
                  percent: 10,
                },
              ],
              filters: [],
            },
          ],
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
              match: 'Host(`pay.example.com`)',
              services: [{ name: 'payments-api', port: 8080 }],
              middlewares: ['strip'],
            },
          ],
        },
      ],
      namespaces: ['bank-payments'],
      gateways: [],
      services: [],
      conflicts: [],
      warnings: [],
    },
    {
      cluster: 'old',
      status: 'ok',
      notInstalled: ['HTTPRoute', 'IngressRoute'],
      httpRoutes: [],
      ingressRoutes: [],
      namespaces: [],
      gateways: [],
      services: [],
      conflicts: [],
      warnings: [],
    },
  ],
};

describe('EntityRoutesContent', () => {
  it('shows each route with its parents, status, weights in percent and the legacy IngressRoutes', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [kubemateApiRef, inMemoryKubemateApi([], [], { routes })],
          [serviceProfilesApiRef, noServiceProfilesApi],
          [permissionApiRef, new MockPermissionApi()],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityRoutesContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('payments-api-split', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Service bank-payments/payments-api :8080'),
    ).toBeInTheDocument();
    expect(screen.getByText('Accepted (Accepted)')).toBeInTheDocument();
    expect(
      screen.getByText('ResolvedRefs (BackendNotFound)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/payments-api-v1:8080 · weight 90 \(90%\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/payments-api-v2:8080 · weight 10 \(10%\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('Host(`pay.example.com`)')).toBeInTheDocument();
    expect(screen.getByText(/middlewares strip/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /Not installed in this cluster: HTTPRoute, IngressRoute/,
      ),
    ).toBeInTheDocument();
  });
});
