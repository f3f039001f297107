import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { probesApiRef } from '../../api';
import { ProbesPage } from './ProbesPage';
import {
  imagePullFailure,
  inMemoryProbesApi,
  newProbe,
  newRun,
} from './__testUtils__/probeFixtures';

jest.setTimeout(30_000);

const failing = newProbe({
  id: 'rollout',
  title: 'Deployments roll out',
  type: 'workload-lifecycle',
  successRate: 0.5,
  recentRuns: 2,
  lastRun: imagePullFailure(),
  lastFailure: imagePullFailure(),
});
const fine = newProbe();

async function render() {
  const api = inMemoryProbesApi([failing, fine], {
    rollout: [
      imagePullFailure(),
      newRun({ probeId: 'rollout', startedAt: '2026-12-06T10:00:00.000Z' }),
    ],
    api: [newRun()],
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [probesApiRef, api],
        [permissionApiRef, new MockPermissionApi(() => AuthorizeResult.ALLOW)],
      ]}
    >
      <ProbesPage />
    </TestApiProvider>,
  );
  return api;
}

describe('ProbesFleetPage', () => {
  it('lists probes with their last result and success rate, and shows the selected one with history, steps, events and hint', async () => {
    const api = await render();
    expect(
      await screen.findByLabelText('Show probe rollout'),
    ).toHaveTextContent('Deployments roll out');
    expect(screen.getByText('50 %')).toBeInTheDocument();
    expect(screen.getByText('100 %')).toBeInTheDocument();
    // The first (failing) probe is shown: its history, its last run's steps and the hint.
    expect(
      await screen.findByRole('img', {
        name: 'History of rollout: 1 of 2 runs passed',
      }),
    ).toBeInTheDocument();
    const steps = screen.getByRole('table', { name: 'Steps of the last run' });
    expect(within(steps).getByText('wait Ready')).toBeInTheDocument();
    expect(within(steps).getByText('60.0 s')).toBeInTheDocument();
    expect(screen.getByLabelText('Likely cause')).toHaveTextContent(
      'Likely cause: The image cannot be pulled.',
    );
    expect(
      within(
        screen.getByRole('table', { name: 'Kubernetes events' }),
      ).getByText('Failed to pull image "x:missing": not found (×3)'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Show probe api'));
    expect(
      await screen.findByRole('img', {
        name: 'History of api: 1 of 1 runs passed',
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Run probe rollout now' }),
    );
    await waitFor(() => expect(api.ran).toEqual(['rollout']));
  });
});
