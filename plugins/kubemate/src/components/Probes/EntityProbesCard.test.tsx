import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { probesApiRef } from '../../api';
import { EntityProbesCard } from './EntityProbesCard';
import {
  imagePullFailure,
  inMemoryProbesApi,
  newProbe,
  newRun,
} from './__testUtils__/probeFixtures';

jest.setTimeout(30_000);

const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-banking' },
});

async function render(name: string) {
  const api = inMemoryProbesApi(
    [
      newProbe({
        id: 'rollout',
        title: 'Deployments roll out',
        entityRefs: ['component:default/accounts-service'],
        successRate: 2 / 3,
        lastRun: imagePullFailure(),
      }),
      newProbe({ id: 'other', title: 'Somebody else', entityRefs: [] }),
    ],
    {
      rollout: [
        imagePullFailure(),
        newRun({ id: 'r2', startedAt: '2026-12-06T10:01:00.000Z' }),
        newRun({ id: 'r3', startedAt: '2026-12-06T10:00:00.000Z' }),
      ],
    },
  );
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [probesApiRef, api],
        [permissionApiRef, new MockPermissionApi(() => AuthorizeResult.ALLOW)],
      ]}
    >
      <EntityProvider entity={entity(name)}>
        <EntityProbesCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityProbesCard', () => {
  it("shows the entity's probes with their history and the last failure's likely cause", async () => {
    await render('accounts-service');
    expect(await screen.findByText('Deployments roll out')).toHaveAttribute(
      'href',
      '/kubemate/probes?probe=rollout',
    );
    expect(screen.queryByText('Somebody else')).not.toBeInTheDocument();
    expect(screen.getByText(/66\.6 %/)).toBeInTheDocument();
    const chart = await screen.findByRole('img', {
      name: 'History of rollout: 2 of 3 runs passed',
    });
    expect(chart.querySelectorAll('rect[data-status="failed"]')).toHaveLength(
      1,
    );
    expect(
      screen.getByText(/likely cause: The image cannot be pulled/),
    ).toBeInTheDocument();
  });

  it('says so when no probe names the entity', async () => {
    await render('lonely-service');
    expect(
      await screen.findByText(/No probe names this entity/),
    ).toBeInTheDocument();
  });
});
