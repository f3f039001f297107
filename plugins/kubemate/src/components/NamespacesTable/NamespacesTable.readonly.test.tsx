import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { NamespaceListResponse } from '@kubemate/plugin-kubemate-common';
import { screen } from '@testing-library/react';
import { kubemateApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { KubemateQueryProvider } from '../../queries';
import { NamespacesTable } from './NamespacesTable';

jest.setTimeout(30_000);

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

const render = (allowed: boolean) => {
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

// Its own file: usePermission caches a decision for the whole module.
describe('NamespacesTable without kubemate.namespace.onboard', () => {
  it('lists namespaces with owner and gateway status; onboarding is hidden without permission', async () => {
    await render(false).rendered;
    expect(
      await screen.findByText('bank-payments-gateway · port 9000'),
    ).toBeInTheDocument();
    expect(screen.getByText('Conflicted (PortConflict)')).toBeInTheDocument();
    expect(screen.getByText('from app-config')).toBeInTheDocument();
    expect(screen.getByText('not onboarded')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Onboard a namespace' }),
    ).not.toBeInTheDocument();
  });
});
