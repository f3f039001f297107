import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  CreateReleaseRequest,
  EntityWorkloadsResponse,
  KubeObject,
  Release,
} from '@kubemate/plugin-kubemate-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { kubemateApiRef, probesApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { inMemoryProbesApi } from '../Probes/__testUtils__/probeFixtures';
import { EntityReleasesContent } from './EntityReleasesContent';
import { newRelease } from './__testUtils__/releaseFixtures';

jest.setTimeout(30_000);

const obj = (kind: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, namespace: 'bank-payments' },
});

// Each test its own entity: the plugin's query cache is shared across renders.
const entityNamed = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
});

const workloadsOf = (name: string): EntityWorkloadsResponse => ({
  entityRef: `component:default/${name}`,
  mappings: [],
  secretValuesHidden: true,
  clusters: [
    {
      cluster: 'kubemate-sim',
      status: 'ok',
      resources: {
        services: ['payments-api', 'payments-api-v1', 'payments-api-v2'].map(
          n => obj('Service', n),
        ),
        deployments: ['payments-api-v1', 'payments-api-v2'].map(n =>
          obj('Deployment', n),
        ),
      } as unknown as EntityWorkloadsResponse['clusters'][0]['resources'],
    },
  ],
});

async function render(
  name: string,
  opts: {
    create?: (r: CreateReleaseRequest) => Promise<Release>;
    allowCreate?: boolean;
  } = {},
) {
  const created: CreateReleaseRequest[] = [];
  const api = inMemoryKubemateApi([], [workloadsOf(name)], {
    releaseApi: {
      listEntityReleases: async () => ({
        items: [
          newRelease({ entityRef: `component:default/${name}` }),
          newRelease({
            id: 'a2d0c7e4-1b7a-4d3e-8c55-0f6a4e2b9d10',
            state: 'aborted',
            strategy: 'gray',
            weight: 0,
            match: undefined,
          }),
        ],
      }),
      createRelease: async (_ref, request) => {
        created.push(request);
        return opts.create
          ? opts.create(request)
          : newRelease({ id: 'b3e1d8f5-2c8b-4e4f-9d66-1a7b5f3c0e21' });
      },
    },
  });
  const permissions = new MockPermissionApi(request =>
    request.permission.name === 'kubemate.release.create' &&
    opts.allowCreate === false
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
  );
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [kubemateApiRef, api],
        [probesApiRef, inMemoryProbesApi([])],
        [permissionApiRef, permissions],
      ]}
    >
      <EntityProvider entity={entityNamed(name)}>
        <Routes>
          <Route path="/" element={<EntityReleasesContent />} />
          <Route path="/kubemate/releases/:id" element={<p>release page</p>} />
        </Routes>
      </EntityProvider>
    </TestApiProvider>,
  );
  return { created, rendered };
}

describe('EntityReleasesContent', () => {
  it('lists the releases with their state, versions and split, each linking to its page', async () => {
    await render('payments-list');
    const [link] = await screen.findAllByRole(
      'link',
      {
        name: /bank-payments\/payments-api: payments-api-v1 → payments-api-v2/,
      },
      { timeout: 15_000 },
    );
    expect(link).toHaveAttribute(
      'href',
      '/kubemate/releases/6f1c1c1e-8d4f-4a57-9b1e-2a7d3c0b9e11',
    );
    expect(screen.getByText('Progressing')).toBeInTheDocument();
    expect(screen.getByText('Aborted')).toBeInTheDocument();
    expect(screen.getAllByText('10% → 50% every 2s')).toHaveLength(2);
  });

  it('starts a header canary from the form with Enter and opens its page', async () => {
    const { created } = await render('payments-start');
    const user = userEvent.setup();
    const service = await screen.findByLabelText('Service', undefined, {
      timeout: 15_000,
    });
    // The Service that is no version's own is picked, the versions in order.
    expect(service).toHaveValue('payments-api');
    expect(screen.getByLabelText('Stable Deployment')).toHaveValue(
      'payments-api-v1',
    );
    expect(screen.getByLabelText('Canary Deployment')).toHaveValue(
      'payments-api-v2',
    );
    await user.selectOptions(screen.getByLabelText('Strategy'), 'canary');
    await user.selectOptions(screen.getByLabelText('Steps'), 'none');
    const type = async (label: string, text: string) => {
      const field = screen.getByLabelText(label);
      await user.clear(field);
      await user.type(field, text);
    };
    await type('Interval (seconds)', '2');
    await type('Iterations', '3');
    await type('Min success rate (%)', '98');
    await type('Max p99 latency (ms)', '400');
    await type('Min requests per step', '5{Enter}');
    expect(await screen.findByText('release page')).toBeInTheDocument();
    expect(created).toEqual([
      {
        cluster: 'kubemate-sim',
        namespace: 'bank-payments',
        service: 'payments-api',
        stable: 'payments-api-v1',
        canary: 'payments-api-v2',
        strategy: 'canary',
        match: { headers: [{ name: 'x-canary', value: 'yes' }] },
        plan: {
          iterations: 3,
          intervalSeconds: 2,
          thresholds: { minSuccessRate: 0.98, maxP99LatencyMs: 400 },
          minRequests: 5,
          failedChecksToAbort: 1,
          autoPromote: false,
        },
      },
    ]);
  });

  it('shows field errors without calling the backend, and the backend refusal as it says it', async () => {
    const { created } = await render('payments-refused', {
      create: async () => {
        // As ResponseError.fromResponse makes it from the backend's 409.
        throw Object.assign(new Error('Request failed with 409 Conflict'), {
          name: 'ResponseError',
          statusCode: 409,
          body: {
            error: {
              name: 'ConflictError',
              message:
                'Service bank-payments/payments-api already has a release in progress (x, progressing); promote or abort it first',
            },
          },
        });
      },
    });
    const user = userEvent.setup();
    const weights = await screen.findByLabelText(
      'Step weights (%)',
      undefined,
      {
        timeout: 15_000,
      },
    );
    await user.clear(weights);
    await user.type(weights, '50, 10');
    await user.click(screen.getByRole('button', { name: 'Start release' }));
    expect(
      screen.getByText('weights must rise from step to step'),
    ).toBeInTheDocument();
    expect(created).toEqual([]);

    await user.clear(weights);
    await user.type(weights, '10, 50');
    await user.click(screen.getByRole('button', { name: 'Start release' }));
    expect(
      await screen.findByText(
        /The release was not started: Service bank-payments\/payments-api already has a release in progress/,
      ),
    ).toBeInTheDocument();
    expect(created).toHaveLength(1);
  });

  it('offers no form to those who may not start a release', async () => {
    await render('payments-readonly', { allowCreate: false });
    expect(
      await screen.findByText('Progressing', undefined, { timeout: 15_000 }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('Start a release')).not.toBeInTheDocument(),
    );
  });
});
