import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { inspectionApiRef } from '../../api';
import {
  inMemoryInspectionApi,
  newFinding,
  newRun,
} from '../InspectionShared/__testUtils__/inspectionFixtures';
import { EntityInspectionCard } from './EntityInspectionCard';

jest.mock('../../queries/queryClient', () => ({
  KubemateQueryProvider: jest.requireActual(
    '../InspectionShared/__testUtils__/inspectionFixtures',
  ).FreshQueryProvider,
}));

jest.setTimeout(30_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const render = (api: ReturnType<typeof inMemoryInspectionApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[inspectionApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityInspectionCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('EntityInspectionCard', () => {
  it('counts open risks by severity, leaves ignored ones out, and links to the tab', async () => {
    await render(
      inMemoryInspectionApi({
        runs: [newRun()],
        findings: [
          newFinding(),
          newFinding({
            resource: { kind: 'Deployment', name: 'b' },
            severity: 'low',
          }),
          newFinding({
            resource: { kind: 'Deployment', name: 'c' },
            severity: 'low',
          }),
          newFinding({
            resource: { kind: 'Deployment', name: 'd' },
            state: 'ignored',
          }),
          newFinding({
            resource: { kind: 'Deployment', name: 'e' },
            state: 'fixed',
          }),
        ],
      }),
    );
    expect(
      await screen.findByText('3 open risks (1 ignored)'),
    ).toBeInTheDocument();
    expect(screen.getByText('High: 1')).toBeInTheDocument();
    expect(screen.getByText('Medium: 0')).toBeInTheDocument();
    expect(screen.getByText('Low: 2')).toBeInTheDocument();
    // 100 - 3 × 5 in the in-memory API
    expect(screen.getByLabelText('Health score')).toHaveTextContent('85');
    expect(screen.getByRole('link', { name: /View risks/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/inspection',
    );
  });

  it('says when the entity was not inspected yet', async () => {
    await render(inMemoryInspectionApi());
    expect(await screen.findByText('Not inspected yet.')).toBeInTheDocument();
  });
});
