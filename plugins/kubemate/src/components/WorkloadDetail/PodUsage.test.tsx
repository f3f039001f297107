import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { kubemateApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { FreshQueryProvider } from '../EntityResources/__testUtils__/resourceFixtures';
import { PodUsage } from './PodUsage';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'payments-api-v1-abc', namespace: 'bank-payments' },
  spec: {
    containers: [
      {
        name: 'app',
        resources: {
          requests: { cpu: '200m', memory: '256Mi' },
          limits: { memory: '512Mi' },
        },
      },
    ],
  },
};

const render = (api: ReturnType<typeof inMemoryKubemateApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[kubemateApiRef, api]]}>
      <FreshQueryProvider>
        <PodUsage entity={entity} cluster="sim" pod={pod} />
      </FreshQueryProvider>
    </TestApiProvider>,
  );

describe('PodUsage', () => {
  it('shows usage per container against requests and limits', async () => {
    await render(
      inMemoryKubemateApi([], [], {
        podMetrics: {
          status: 'ok',
          timestamp: '2026-12-05T01:00:00Z',
          window: '30s',
          containers: [
            { name: 'app', cpuCores: 0.05, memoryBytes: 128 * 1024 * 1024 },
          ],
        },
      }),
    );
    expect(
      await screen.findByText('50m (25 % of request)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('128 MiB (50 % of request, 25 % of limit)'),
    ).toBeInTheDocument();
  });

  it('says plainly when the cluster does not serve metrics.k8s.io', async () => {
    await render(inMemoryKubemateApi([]));
    expect(await screen.findByText(/Metrics not served/)).toHaveTextContent(
      'does not serve metrics.k8s.io',
    );
  });
});
