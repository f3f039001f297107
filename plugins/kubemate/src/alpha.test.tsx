import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import kubemateFrontendPlugin from './alpha';
import { inspectionApiRef, kubemateApiRef } from './api';
import {
  inMemoryInspectionApi,
  newRun,
} from './components/InspectionShared/__testUtils__/inspectionFixtures';
import {
  inMemoryKubemateApi,
  newTestCluster,
} from './__testUtils__/clusterFixtures';

// Rendering a whole app is slow on a busy 2-core CI machine.
jest.setTimeout(30_000);

describe('new frontend system plugin', () => {
  it('refuses ids it does not provide', () => {
    expect(() =>
      kubemateFrontendPlugin.getExtension('page:nope' as never),
    ).toThrow();
  });

  it('declares its page, API and entity content extensions', () => {
    expect(kubemateFrontendPlugin.id).toBe('kubemate');
    for (const id of [
      'api:kubemate',
      'page:kubemate',
      'entity-content:kubemate',
      'api:kubemate/inspection',
      'page:kubemate/inspection',
      'entity-content:kubemate/inspection',
      'entity-card:kubemate/inspection',
      'page:kubemate/releases',
      'entity-content:kubemate/releases',
      'api:kubemate/probes',
      'page:kubemate/probes',
      'entity-card:kubemate/probes',
      'scaffolder-form-field:kubemate/image-picker',
    ] as const) {
      // getExtension throws for an id the plugin does not provide
      expect(() => kubemateFrontendPlugin.getExtension(id)).not.toThrow();
    }
  });

  it('renders the Kubemate page inside an app built from the plugin', async () => {
    const api = inMemoryKubemateApi([
      newTestCluster({ name: 'sim', title: 'Demo cluster' }),
    ]);
    renderTestApp({
      features: [kubemateFrontendPlugin],
      initialRouteEntries: ['/kubemate'],
      apis: [[kubemateApiRef, api]],
    });
    expect(
      await screen.findByText('Demo cluster (sim)', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(api.calls).toBeGreaterThan(0);
  });

  it('serves the inspection page under /inspection', async () => {
    renderTestApp({
      features: [kubemateFrontendPlugin],
      initialRouteEntries: ['/inspection'],
      apis: [
        [kubemateApiRef, inMemoryKubemateApi([])],
        [
          inspectionApiRef,
          inMemoryInspectionApi({
            clusters: [{ name: 'kubemate-sim', title: 'Demo cluster' }],
            runs: [newRun()],
          }),
        ],
      ],
    });
    expect(
      await screen.findByText('Demo cluster (kubemate-sim)', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Cluster inspection')).toBeInTheDocument();
  });
});
