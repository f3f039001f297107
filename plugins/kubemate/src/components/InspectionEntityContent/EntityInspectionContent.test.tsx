import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { inspectionApiRef } from '../../api';
import {
  inMemoryInspectionApi,
  newFinding,
  newRun,
  trendPoint,
  type InMemoryInspectionApi,
} from '../InspectionShared/__testUtils__/inspectionFixtures';
import { EntityInspectionContent } from './EntityInspectionContent';

jest.mock('../../queries/queryClient', () => ({
  KubemateQueryProvider: jest.requireActual(
    '../InspectionShared/__testUtils__/inspectionFixtures',
  ).FreshQueryProvider,
}));

jest.setTimeout(30_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
};

const privileged = newFinding({
  links: [
    {
      title: 'Grafana: payments-api',
      url: 'https://grafana.example/d/payments',
      kind: 'grafana',
    },
  ],
});
const noPdb = newFinding({
  ruleId: 'pdb-missing',
  title: 'Deployment has no PodDisruptionBudget',
  severity: 'medium',
  category: 'reliability',
  state: 'new',
  resource: {
    kind: 'Deployment',
    namespace: 'bank-payments',
    name: 'payments-api-v2',
  },
  fix: undefined,
});
const otherEntity = newFinding({
  entityRef: 'component:default/erp-finance',
  resource: { kind: 'Deployment', namespace: 'erp', name: 'erp-finance' },
});

function render(api: InMemoryInspectionApi, canIgnore = true) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [inspectionApiRef, api],
        [
          permissionApiRef,
          new MockPermissionApi(req =>
            req.permission.name !== 'kubemate.risk.ignore' || canIgnore
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          ),
        ],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityInspectionContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** Summary rows of the risk table (detail rows have no expand button). */
const riskRows = () =>
  screen
    .getAllByRole('row')
    .filter(r => r.querySelector('[aria-label="Show details"]'));

describe('EntityInspectionContent', () => {
  it('shows the summary, the trend and only the entity’s risks, most severe first', async () => {
    const api = inMemoryInspectionApi({
      findings: [noPdb, privileged, otherEntity],
      runs: [newRun()],
      trend: [trendPoint(0, 70), trendPoint(1, 85)],
    });
    await render(api);
    expect(await screen.findByText('Current state')).toBeInTheDocument();
    expect(screen.getByText('High: 1')).toBeInTheDocument();
    expect(screen.getByText('Medium: 1')).toBeInTheDocument();
    expect(screen.getByText('Execution failed')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: /Health score 70 → 85 over 2 runs/,
      }),
    ).toBeInTheDocument();

    await screen.findByText('payments-api-v2', { exact: false });
    const rows = riskRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Container runs privileged');
    expect(rows[1]).toHaveTextContent('PodDisruptionBudget');
    expect(screen.queryByText(/erp-finance/)).not.toBeInTheDocument();
    expect(api.findingQueries.at(-1)).toMatchObject({
      entityRef: ['component:default/payments-api'],
      sort: 'severity',
      order: 'desc',
      state: ['new', 'open', 'reopened', 'ignored'],
    });
  });

  it('expands a risk with observed vs expected, remediation, fix, links and history', async () => {
    await render(
      inMemoryInspectionApi({ findings: [privileged], runs: [newRun()] }),
    );
    await screen.findByText('Container runs privileged');
    await userEvent.click(screen.getByRole('button', { name: 'Show details' }));
    expect(await screen.findByText('Observed vs expected')).toBeInTheDocument();
    expect(
      screen.getByText('A privileged container has full access to the node.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Fix snippet')).toHaveTextContent(
      'kubectl -n bank-payments patch deployment payments-api-v1',
    );
    expect(
      screen.getByRole('button', { name: 'Copy fix snippet' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Grafana: payments-api/ }),
    ).toHaveAttribute('href', 'https://grafana.example/d/payments');
    const history = await screen.findByRole('table', { name: 'State history' });
    expect(within(history).getByText('New → Open')).toBeInTheDocument();
  });

  it('ignores a risk with a reason, comment and expiry, then un-ignores it', async () => {
    const api = inMemoryInspectionApi({
      findings: [newFinding()],
      runs: [newRun()],
    });
    await render(api);
    await screen.findByText('Container runs privileged');
    await userEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ignore risk' });
    await userEvent.click(within(dialog).getByLabelText(/False positive/));
    await userEvent.type(
      within(dialog).getByLabelText('Comment'),
      'host network is needed by the CNI',
    );
    const until = new Date(Date.now() + 30 * 86400_000)
      .toISOString()
      .slice(0, 10);
    await userEvent.type(within(dialog).getByLabelText('Ignore until'), until);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Ignore' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.ignoreRequests[0]).toEqual({
      fingerprint: 'fp-payments-api-v1-container-privileged',
      body: {
        reason: 'false-positive',
        comment: 'host network is needed by the CNI',
        until,
      },
    });
    await waitFor(() => expect(riskRows()[0]).toHaveTextContent('Ignored'));
    // Ignored risks leave the score: the summary refetched.
    expect(await screen.findByText('High: 0')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Un-ignore' }));
    expect(await screen.findByText('High: 1')).toBeInTheDocument();
    expect(api.ignoreRequests[1]).toEqual({
      fingerprint: 'fp-payments-api-v1-container-privileged',
      body: 'unignore',
    });
  });

  it('filters by severity and exports what is filtered as PDF', async () => {
    const api = inMemoryInspectionApi({
      findings: [privileged, noPdb],
      runs: [newRun()],
    });
    URL.createObjectURL = jest.fn(() => 'blob:report');
    URL.revokeObjectURL = jest.fn();
    // jsdom cannot navigate; the click on the temporary download link is what matters.
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function checkDownload(this: HTMLAnchorElement) {
        expect(this.download).toBe('kubemate-risks-payments-api.pdf');
      });
    await render(api);
    await screen.findByText('payments-api-v2', { exact: false });

    await userEvent.click(screen.getByLabelText('Severity'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Medium' }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(
        screen.queryByText('Container runs privileged'),
      ).not.toBeInTheDocument(),
    );
    expect(api.findingQueries.at(-1)?.severity).toEqual(['medium']);

    await userEvent.click(screen.getByRole('button', { name: 'Export PDF' }));
    await waitFor(() => expect(api.exports).toHaveLength(1));
    expect(api.exports[0]).toEqual({
      format: 'pdf',
      filter: {
        severity: ['medium'],
        state: ['new', 'open', 'reopened', 'ignored'],
        entityRef: ['component:default/payments-api'],
      },
    });
    expect(URL.createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('says so when nothing was inspected yet', async () => {
    await render(inMemoryInspectionApi());
    expect(
      await screen.findByText('No inspection runs yet'),
    ).toBeInTheDocument();
  });

  it("gives no score when the runs checked none of the entity's objects", async () => {
    await render(
      inMemoryInspectionApi({
        runs: [newRun()],
        checks: { passed: 0, errors: 0 },
      }),
    );
    expect(
      await screen.findByText('Nothing of this entity was inspected'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Current state')).not.toBeInTheDocument();
  });

  it('shows the error when the backend refuses', async () => {
    await render(
      inMemoryInspectionApi({
        failWith: new Error('Missing permission kubemate.inspection.read'),
      }),
    );
    expect(
      (
        await screen.findAllByText(
          /Missing permission kubemate.inspection.read/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});
