import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { kubemateApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { FreshQueryProvider } from '../EntityResources/__testUtils__/resourceFixtures';
import { EntityLinksCard } from './EntityLinksCard';
import { ObservabilityLinksButton } from './ObservabilityLinksButton';

jest.mock('../../queries/queryClient', () => ({
  KubemateQueryProvider: jest.requireActual(
    '../EntityResources/__testUtils__/resourceFixtures',
  ).FreshQueryProvider,
}));

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};
const grafana =
  'https://grafana.example.com/d/wl?var-cluster=sim&var-namespace=bank-payments&var-workload=payments-api-v1&from=1&to=2';
const links = {
  window: {
    from: '2026-12-05T00:00:00.000Z',
    to: '2026-12-05T01:00:00.000Z',
  },
  groups: [
    {
      cluster: 'sim',
      namespace: 'bank-payments',
      links: [
        {
          title: 'Namespace dashboard',
          kind: 'grafana' as const,
          url: 'https://grafana.example.com/d/ns',
        },
      ],
    },
    {
      cluster: 'sim',
      namespace: 'bank-payments',
      kind: 'Deployment',
      name: 'payments-api-v1',
      links: [
        { title: 'Workload dashboard', kind: 'grafana' as const, url: grafana },
        // Never rendered, whatever the backend sends.
        {
          title: 'Sneaky',
          kind: 'other' as const,
          url: ['javascript', 'alert(1)'].join(':'),
        },
      ],
    },
  ],
};

describe('observability links', () => {
  it("lists a workload's links in its row menu, asking for that workload, opening in a new tab", async () => {
    const api = inMemoryKubemateApi([], [], {
      links: { ...links, groups: [links.groups[1]] },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[kubemateApiRef, api]]}>
        <FreshQueryProvider>
          <ObservabilityLinksButton
            entity={entity}
            cluster="sim"
            object={{
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: { name: 'payments-api-v1', namespace: 'bank-payments' },
            }}
          />
        </FreshQueryProvider>
      </TestApiProvider>,
    );
    expect(api.actions).toEqual([]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Dashboards of payments-api-v1' }),
    );
    const item = await screen.findByRole('menuitem', {
      name: /Workload dashboard/,
    });
    expect(item).toHaveAttribute('href', grafana);
    expect(item).toHaveAttribute('target', '_blank');
    expect(item).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.queryByText('Sneaky')).not.toBeInTheDocument();
    expect(api.actions).toEqual([
      {
        action: 'observability-links',
        target: {
          cluster: 'sim',
          namespace: 'bank-payments',
          kind: 'Deployment',
          name: 'payments-api-v1',
        },
      },
    ]);
  });

  it('says so when no link is configured', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[kubemateApiRef, inMemoryKubemateApi([])]]}>
        <FreshQueryProvider>
          <ObservabilityLinksButton
            entity={entity}
            cluster="sim"
            object={{
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: 'p-1', namespace: 'bank-payments' },
            }}
          />
        </FreshQueryProvider>
      </TestApiProvider>,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Dashboards of p-1' }),
    );
    expect(
      await screen.findByText('No dashboards are configured for this'),
    ).toBeInTheDocument();
  });

  it('the entity card groups links by namespace and workload', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[kubemateApiRef, inMemoryKubemateApi([], [], { links })]]}
      >
        <EntityProvider entity={entity}>
          <EntityLinksCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    const workload = await screen.findByRole('list', {
      name: 'Dashboards of Deployment bank-payments/payments-api-v1',
    });
    expect(
      within(workload).getByRole('link', { name: /Workload dashboard/ }),
    ).toHaveAttribute('href', grafana);
    expect(within(workload).queryByText('Sneaky')).not.toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', {
          name: 'Dashboards of Namespace bank-payments',
        }),
      ).getByRole('link', { name: /Namespace dashboard/ }),
    ).toBeInTheDocument();
  });
});
