import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { EntityKubemateContent, KubematePage, kubematePlugin } from './plugin';
import { kubemateApiRef } from './api';
import {
  inMemoryKubemateApi,
  newTestCluster,
} from './__testUtils__/clusterFixtures';

const clusters = [
  newTestCluster({ name: 'sim', title: 'Demo cluster' }),
  newTestCluster({
    name: 'offline',
    reachable: false,
    version: undefined,
    lastSeenAt: undefined,
    error: 'connect ECONNREFUSED 127.0.0.1:1',
  }),
];

// Rendering a whole app is slow on a busy 2-core CI machine.
jest.setTimeout(30_000);

describe('legacy plugin (core-plugin-api)', () => {
  it('is a legacy plugin with id kubemate and an API factory', () => {
    expect(kubematePlugin.getId()).toBe('kubemate');
    expect([...kubematePlugin.getApis()].map(f => f.api.id)).toEqual([
      'plugin.kubemate.api',
      'plugin.kubemate.inspection',
      'plugin.kubemate.config-data',
      'plugin.kubemate.service-profiles',
      'plugin.kubemate.probes',
    ]);
  });

  it('renders the clusters page with reachable and unreachable clusters', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [kubemateApiRef, inMemoryKubemateApi(clusters)],
          [permissionApiRef, new MockPermissionApi()],
        ]}
      >
        <Routes>
          <Route path="/kubemate" element={<KubematePage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/kubemate'] },
    );
    expect(
      await screen.findByText('Demo cluster (sim)', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('v1.32.4')).toBeInTheDocument();
    expect(screen.getByText('Reachable')).toBeInTheDocument();
    expect(screen.getByText('Unreachable')).toBeInTheDocument();
    expect(
      screen.getByText('connect ECONNREFUSED 127.0.0.1:1'),
    ).toBeInTheDocument();
    expect(screen.getByText('never')).toBeInTheDocument();
  });

  it('renders the entity content with the resolved mapping', async () => {
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments-api',
        annotations: {
          'backstage.io/kubernetes-id': 'payments-api',
          'backstage.io/kubernetes-namespace': 'bank-payments',
        },
      },
    };
    await renderInTestApp(
      <TestApiProvider apis={[[kubemateApiRef, inMemoryKubemateApi(clusters)]]}>
        <EntityProvider entity={entity}>
          <EntityKubemateContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'backstage.io/kubernetes-id=payments-api',
        undefined,
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('bank-payments')).toBeInTheDocument();
    expect(
      await screen.findByText('Demo cluster (sim)', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
  });
});
