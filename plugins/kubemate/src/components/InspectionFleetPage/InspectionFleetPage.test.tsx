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
  type InMemoryInspectionApi,
} from '../InspectionShared/__testUtils__/inspectionFixtures';
import { InspectionFleetPage } from './InspectionFleetPage';

jest.mock('../../queries/queryClient', () => ({
  KubemateQueryProvider: jest.requireActual(
    '../InspectionShared/__testUtils__/inspectionFixtures',
  ).FreshQueryProvider,
}));

jest.setTimeout(30_000);

function render(api: InMemoryInspectionApi, tab?: string) {
  const permissionApi = new MockPermissionApi(() => AuthorizeResult.ALLOW);
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [inspectionApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <InspectionFleetPage />
    </TestApiProvider>,
    { routeEntries: [tab ? `/?tab=${tab}` : '/'] },
  );
}

describe('InspectionFleetPage', () => {
  it('shows each cluster’s score and starts a run, whose progress then shows', async () => {
    const api = inMemoryInspectionApi({
      clusters: [
        { name: 'kubemate-sim', title: 'Demo cluster' },
        { name: 'prod-1', profile: 'financial' },
      ],
      runs: [newRun()],
      findings: [newFinding()],
    });
    await render(api);
    await screen.findByText('Demo cluster (kubemate-sim)');
    const card = screen.getByRole('region', { name: 'Cluster kubemate-sim' });
    expect(within(card).getByText('Profile baseline')).toBeInTheDocument();
    expect(
      within(card).getByText(
        '4 new, 1 reopened, 2 fixed since the previous run',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Profile financial')).toBeInTheDocument();

    await userEvent.click(
      within(card).getByRole('button', {
        name: 'Run inspection of kubemate-sim now',
      }),
    );
    expect(api.startedRuns).toEqual(['kubemate-sim']);
    expect(await within(card).findByText('Running 25 %')).toBeInTheDocument();
    expect(within(card).getByText('listing pods')).toBeInTheDocument();
    expect(
      within(card).getByRole('button', {
        name: /Run inspection of kubemate-sim/,
      }),
    ).toBeDisabled();
  });

  it('lists runs with their figures and what changed since the previous run', async () => {
    const api = inMemoryInspectionApi({
      runs: [
        newRun({
          id: 'run-2',
          status: 'failed',
          error: 'listing pods failed: ECONNREFUSED',
          summary: undefined,
        }),
        newRun({
          summary: {
            ...newRun().summary!,
            executionFailures: [
              {
                ruleId: 'pod-probes',
                severity: 'medium',
                error: 'no such key: livenessProbe',
                count: 3,
                sample: { kind: 'Deployment', namespace: 'shop', name: 'web' },
              },
            ],
          },
        }),
      ],
      findings: [
        newFinding({ state: 'new' }),
        newFinding({
          state: 'fixed',
          title: 'Image tag is latest',
          resource: { kind: 'Deployment', name: 'web' },
        }),
      ],
    });
    await render(api, 'runs');
    expect(
      await screen.findByText('listing pods failed: ECONNREFUSED'),
    ).toBeInTheDocument();
    expect(screen.getByText('+5 / −2')).toBeInTheDocument();
    expect(
      screen.getByText('10 failed, 1 execution failed'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show changes' }));
    const added = await screen.findByRole('list', { name: 'New or reopened' });
    expect(
      within(added).getByText('Container runs privileged'),
    ).toBeInTheDocument();
    const fixed = screen.getByRole('list', { name: 'Fixed' });
    expect(within(fixed).getByText('Image tag is latest')).toBeInTheDocument();
    // What could not be evaluated, with rule, resource and reason.
    const failures = screen.getByRole('table', { name: 'Execution failures' });
    expect(within(failures).getByText(/pod-probes/)).toBeInTheDocument();
    expect(
      within(failures).getByText('Deployment shop/web'),
    ).toBeInTheDocument();
    expect(
      within(failures).getByText('no such key: livenessProbe'),
    ).toBeInTheDocument();
  });

  it('browses rules by search and shows a rule’s remediation', async () => {
    await render(inMemoryInspectionApi(), 'rules');
    expect(await screen.findByText('Rules (2)')).toBeInTheDocument();
    await userEvent.type(screen.getByPlaceholderText('Filter'), 'disruption');
    await waitFor(() =>
      expect(
        screen.queryByText('container-privileged'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('pdb-missing')).toBeInTheDocument();
  });

  it('browses profiles with the clusters that use them', async () => {
    await render(
      inMemoryInspectionApi({
        clusters: [{ name: 'kubemate-sim', profile: 'financial' }],
      }),
      'profiles',
    );
    expect(await screen.findByText('Profiles (2)')).toBeInTheDocument();
    const row = screen.getByText('Strict, security first').closest('tr')!;
    expect(within(row).getByText('kubemate-sim')).toBeInTheDocument();
    expect(within(row).getByText('baseline')).toBeInTheDocument();
  });
});
