import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { EntityRoutesResponse } from '@kubemate/plugin-kubemate-common';
import { screen } from '@testing-library/react';
import { kubemateApiRef } from '../../../api';
import { inMemoryKubemateApi } from '../../../__testUtils__/clusterFixtures';
import { EntityWorkloadsContent } from '../../EntityWorkloadsContent';
import { paymentsResources, resourcesResponse } from './resourceFixtures';

/**
 * Test-only: the Workloads tab of payments-api with the resource fixtures, an HTTPRoute to the
 * payments-web Service, and the permissions `allowed` grants. Test files mock
 * KubemateQueryProvider with FreshQueryProvider.
 */
const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const routes = {
  items: [
    {
      cluster: 'sim',
      status: 'ok',
      notInstalled: [],
      namespaces: ['bank-payments'],
      gateways: [],
      services: [],
      conflicts: [],
      warnings: [],
      ingressRoutes: [],
      httpRoutes: [
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          namespace: 'bank-payments',
          name: 'web',
          hostnames: ['pay.example.com'],
          parents: [],
          spec: {},
          rules: [
            {
              matches: ['PathPrefix /'],
              filters: [],
              backends: [
                {
                  kind: 'Service',
                  namespace: 'bank-payments',
                  name: 'payments-web',
                  port: 80,
                  weight: 1,
                  percent: 100,
                },
              ],
            },
          ],
        },
      ],
    },
  ],
} as EntityRoutesResponse;

export async function renderTab(allowed: (name: string) => boolean) {
  const api = inMemoryKubemateApi(
    [],
    [resourcesResponse(paymentsResources())],
    { routes, logText: 'report done\n' },
  );
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [kubemateApiRef, api],
        [
          permissionApiRef,
          new MockPermissionApi(r =>
            allowed(r.permission.name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          ),
        ],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityWorkloadsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  const tabs = await screen.findByRole(
    'tablist',
    { name: 'Resources in Demo cluster' },
    { timeout: 20_000 },
  );
  return { api, tabs };
}
