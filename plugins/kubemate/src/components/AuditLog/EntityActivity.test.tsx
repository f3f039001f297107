import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { kubemateApiRef, type AuditEntry } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { KubemateQueryProvider } from '../../queries';
import { EntityActivity } from './EntityActivity';

jest.setTimeout(30_000);

const entityNamed = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
});

const target = {
  entityRef: 'component:default/payments-api',
  cluster: 'kubemate-sim',
  namespace: 'bank-payments',
  kind: 'Deployment',
  name: 'payments-api-v2',
};
const minutesAgo = (m: number) =>
  new Date(Date.now() - m * 60_000).toISOString();
const entries: AuditEntry[] = [
  {
    ...target,
    id: '3',
    at: minutesAgo(1),
    actor: 'user:default/bob',
    operation: 'restart',
    result: 'denied',
    error: "Missing permission 'kubemate.workload.restart'",
  },
  {
    ...target,
    id: '2',
    at: minutesAgo(5),
    actor: 'user:default/guest',
    operation: 'scale',
    parameters: { replicas: 4 },
    result: 'succeeded',
    beforeYaml: 'kind: Deployment\nspec:\n  replicas: 2\n',
    afterYaml: 'kind: Deployment\nspec:\n  replicas: 4\n',
  },
  ...Array.from({ length: 11 }, (_, i) => ({
    ...target,
    id: `old-${i}`,
    at: minutesAgo(60 + i),
    actor: 'user:default/alice',
    operation: 'delete-pod',
    kind: 'Pod',
    name: `payments-api-v2-pod-${i}`,
    result: 'succeeded' as const,
  })),
];

const render = (name: string, allowed: boolean) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [kubemateApiRef, inMemoryKubemateApi([], [], { audit: entries })],
        [
          permissionApiRef,
          new MockPermissionApi(request =>
            request.permission.name === 'kubemate.workload.audit.read' &&
            allowed
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          ),
        ],
      ]}
    >
      <KubemateQueryProvider>
        <EntityProvider entity={entityNamed(name)}>
          <EntityActivity />
          <p>rendered</p>
        </EntityProvider>
      </KubemateQueryProvider>
    </TestApiProvider>,
  );

describe('EntityActivity', () => {
  it('lists who did what when, with the diff of a change, filters and pages', async () => {
    await render('payments-api', true);
    const log = await screen.findByRole(
      'table',
      { name: 'Activity log' },
      { timeout: 15_000 },
    );
    const rows = within(log).getAllByRole('row');
    // header + a page of 10
    expect(rows).toHaveLength(11);
    expect(within(rows[1]).getByText('user:default/bob')).toBeInTheDocument();
    expect(within(rows[1]).getByText('denied')).toBeInTheDocument();
    expect(within(rows[1]).getByText(/Missing permission/)).toBeInTheDocument();
    expect(within(rows[2]).getByText('user:default/guest')).toBeInTheDocument();
    expect(within(rows[2]).getByText('scale')).toBeInTheDocument();
    expect(within(rows[2]).getByText('replicas=4')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('Deployment bank-payments/payments-api-v2'),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('5m ago')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(
      within(rows[2]).getByRole('button', {
        name: 'Changes of scale Deployment bank-payments/payments-api-v2',
      }),
    );
    const diff = screen.getByLabelText('Changes');
    expect(diff).toHaveTextContent('- replicas: 2');
    expect(diff).toHaveTextContent('+ replicas: 4');

    expect(screen.getByText('1-10 of 13')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('11-13 of 13')).toBeInTheDocument();
    expect(
      screen.getByText('Pod bank-payments/payments-api-v2-pod-10'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /^Operation/ }));
    await user.click(await screen.findByRole('option', { name: 'scale' }));
    await waitFor(() =>
      expect(
        within(
          screen.getByRole('table', { name: 'Activity log' }),
        ).getAllByRole('row'),
      ).toHaveLength(2),
    );
    expect(screen.getByText('1-1 of 1')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /^Operation/ }));
    await user.click(await screen.findByRole('option', { name: 'All' }));
    await user.type(screen.getByLabelText('Actor'), 'bob');
    await waitFor(() =>
      expect(screen.getByText('1-1 of 1')).toBeInTheDocument(),
    );
    expect(screen.getByText('user:default/bob')).toBeInTheDocument();
  });

  it('is not shown without kubemate.workload.audit.read on the entity', async () => {
    await render('payments-api-no-audit', false);
    expect(await screen.findByText('rendered')).toBeInTheDocument();
    // Give the permission answer time to arrive.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(screen.queryByText('Activity')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Activity log' }),
    ).not.toBeInTheDocument();
  });
});
