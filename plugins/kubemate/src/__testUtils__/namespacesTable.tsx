import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { NamespaceListResponse } from '@kubemate/plugin-kubemate-common';
import { kubemateApiRef } from '../api';
import { inMemoryKubemateApi } from './clusterFixtures';
import { KubemateQueryProvider } from '../queries';
import { NamespacesTable } from '../components/NamespacesTable';

/** Test-only: two namespaces, one onboarded with a conflicted listener, one owned by app-config. */
const namespaces: NamespaceListResponse = {
  onboardingConfigured: true,
  sizes: ['small', 'medium'],
  items: [
    {
      cluster: 'sim',
      name: 'bank-payments',
      owner: 'group:default/team-banking',
      ownerSource: 'namespace',
      onboarded: true,
      meshInjection: true,
      port: 9000,
      gateway: {
        name: 'bank-payments-gateway',
        conditions: [{ type: 'Programmed', status: 'True' }],
        listeners: [
          {
            name: 'https',
            port: 9000,
            protocol: 'HTTPS',
            conditions: [
              { type: 'Conflicted', status: 'True', reason: 'PortConflict' },
            ],
          },
        ],
      },
    },
    {
      cluster: 'sim',
      name: 'erp-finance',
      owner: 'group:default/team-erp',
      ownerSource: 'app-config',
      onboarded: false,
      meshInjection: false,
    },
  ],
};

/** The table in a test app, with onboarding allowed or denied; the in-memory API records calls. */
export const renderNamespacesTable = (allowed: boolean) => {
  const api = inMemoryKubemateApi([], [], { namespaces });
  return {
    api,
    rendered: renderInTestApp(
      <TestApiProvider
        apis={[
          [kubemateApiRef, api],
          [
            permissionApiRef,
            new MockPermissionApi(() =>
              allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            ),
          ],
        ]}
      >
        <KubemateQueryProvider>
          <NamespacesTable />
        </KubemateQueryProvider>
      </TestApiProvider>,
    ),
  };
};
