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
  IngressRouteSummary,
} from '@kubemate/plugin-kubemate-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { kubemateApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { KubemateQueryProvider } from '../../queries';
import { IngressRoutesTable } from './IngressRoutesTable';

// Its own file: usePermission caches a decision for the whole module, and this one is DENY.

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const legacy: IngressRouteSummary = {
  apiVersion: 'traefik.io/v1alpha1',
  namespace: 'bank-payments',
  name: 'legacy',
  entryPoints: [],
  routes: [
    {
      match: 'PathPrefix(`/`)',
      services: [{ name: 'payments-api', port: 8080 }],
      middlewares: [],
    },
  ],
};

const cluster: ClusterRoutes = {
  cluster: 'sim',
  status: 'ok',
  notInstalled: [],
  httpRoutes: [],
  ingressRoutes: [legacy],
  namespaces: ['bank-payments'],
  gateways: [],
  services: [],
  conflicts: [],
  warnings: [],
};

describe('IngressRoutesTable', () => {
  it('offers no migration without kubemate.route.create on the entity', async () => {
    const permissions = new MockPermissionApi(() => AuthorizeResult.DENY);
    const authorize = jest.spyOn(permissions, 'authorize');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            kubemateApiRef,
            inMemoryKubemateApi([], [], {
              yaml: 'apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\n',
            }),
          ],
          [permissionApiRef, permissions],
        ]}
      >
        <KubemateQueryProvider>
          <EntityProvider entity={entity}>
            <IngressRoutesTable routes={[legacy]} cluster={cluster} />
          </EntityProvider>
        </KubemateQueryProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('PathPrefix(`/`)')).toBeInTheDocument();
    expect(authorize).toHaveBeenCalled();
    expect(
      screen.queryByRole('button', { name: /Migrate .* to HTTPRoute/ }),
    ).not.toBeInTheDocument();

    // Its YAML can still be read, but not edited (the same denial covers route.update).
    await userEvent.click(
      screen.getByRole('button', { name: 'YAML of bank-payments/legacy' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByLabelText('YAML')).toHaveTextContent(
      'kind: IngressRoute',
    );
    expect(
      within(dialog).queryByRole('button', { name: 'Edit YAML' }),
    ).not.toBeInTheDocument();
  });

  it('needs neither the entity nor permissions when no cluster is given', async () => {
    await renderInTestApp(<IngressRoutesTable routes={[legacy]} />);
    expect(await screen.findByText('PathPrefix(`/`)')).toBeInTheDocument();
    expect(screen.queryByText('Migrate to HTTPRoute')).not.toBeInTheDocument();
  });
});
